import { matchesAny } from "../../src/glob.js";
import type { Observation, Severity } from "../../src/types.js";
import { REDACTED } from "../../src/redact.js";
import { findSecrets } from "../../src/secret-scan.js";
import type { AnswerSample, RequestEvidence } from "./types.js";

/** Headers that protect users; compared always and reported on the security dimension. */
export const SECURITY_HEADERS = [
  "strict-transport-security",
  "content-security-policy",
  "x-content-type-options",
  "x-frame-options",
  "referrer-policy",
];

// Transport details and fields compared elsewhere (status line, content type, redirect target).
const NEVER = ["connection", "keep-alive", "transfer-encoding", "content-length", "date", "content-type", "location"];

const canonical = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

const VOLATILE = Symbol("volatile");

/** A header's value if every sample agrees on it, VOLATILE if they disagree, undefined if absent in all. */
function settled(samples: AnswerSample[], name: string): string | typeof VOLATILE | undefined {
  const values = new Set(samples.map((s) => s.headers[name]));
  if (values.size === 1) return [...values][0];
  // Present in some samples only, or different values: the environment disagrees with itself.
  return VOLATILE;
}

/** What a report shows for one side: the value, or a sample of it when it varies per response. */
function shown(samples: AnswerSample[], name: string, value: string | typeof VOLATILE | undefined): string | null {
  if (value === undefined) return null;
  if (value !== VOLATILE) return shownValue(value);
  const first = samples.find((s) => name in s.headers)?.headers[name];
  return first === undefined ? null : `${shownValue(first)} (varies between responses)`;
}

/**
 * Diffy's rule for headers: a value counts only when each environment agrees with itself
 * across its own samples; a header that varies within one side (Date, request ids, ETags,
 * nonces) is compared by presence only. So no ignore list is needed for volatile headers.
 */
export function compareHeaders(
  request: string,
  staging: AnswerSample[],
  production: AnswerSample[],
  opts: { headers: string[]; ignoreHeaders: string[] },
  sameHashKey = true,
): Observation[] {
  const names = new Set([...staging, ...production].flatMap((s) => Object.keys(s.headers)));
  const out: Observation[] = [];
  for (const name of [...names].sort()) {
    const security = SECURITY_HEADERS.includes(name);
    if (NEVER.includes(name) || matchesAny(opts.ignoreHeaders, name, { caseInsensitive: true })) continue;
    if (!security && !matchesAny(opts.headers, name, { caseInsensitive: true })) continue;
    const s = settled(staging, name);
    const p = settled(production, name);
    const sPresent = staging.some((x) => name in x.headers);
    const pPresent = production.some((x) => name in x.headers);
    const label = canonical(name);
    const base = { subject: `${request} header ${label}`, aspect: "header", ...(security ? { dimension: "security" as const } : {}) };
    if (sPresent !== pPresent) {
      const missingIn = sPresent ? "production" : "staging";
      const severity: Severity = !security ? "low" : missingIn === "production" ? "high" : "medium";
      const why = security
        ? missingIn === "production"
          ? ": production is less protected than the staging that was tested"
          : ": staging does not exercise the protection production enforces (tests may pass on staging and fail in production)"
        : "";
      out.push({
        ...base,
        severity,
        message: `${label} is sent by ${sPresent ? "staging" : "production"} but not by ${missingIn}${why}`,
        staging: shown(staging, name, s),
        production: shown(production, name, p),
      });
    } else if (s !== undefined && p !== undefined && s !== VOLATILE && p !== VOLATILE && s !== p) {
      // Hidden values hashed under different keys (a snapshot) differ whatever they hold.
      if (!sameHashKey && (isHidden(s) || isHidden(p))) continue;
      out.push({
        ...base,
        severity: security ? "medium" : "low",
        message: `${label} differs: staging sends "${shownValue(s)}", production "${shownValue(p)}"`,
        staging: shownValue(s),
        production: shownValue(p),
      });
    }
  }
  return out;
}

/**
 * The same header difference on several requests (a missing HSTS header usually is missing
 * everywhere) becomes one observation, subject `header Strict-Transport-Security`, naming the
 * requests: one line to read and one map entry to declare it.
 */
export function mergeHeaderObservations(observations: Observation[]): Observation[] {
  const groups = new Map<string, Observation[]>();
  const out: Observation[] = [];
  for (const o of observations) {
    if (o.aspect !== "header") {
      out.push(o);
      continue;
    }
    const label = o.subject.slice(o.subject.lastIndexOf(" header ") + 1);
    // The message carries the values when they matter (a stable value that differs); a value
    // that varies per response (a nonce) must not keep the same gap from merging.
    const key = JSON.stringify([label, o.severity, o.dimension ?? null, o.message]);
    const group = groups.get(key);
    if (group) group.push(o);
    else {
      groups.set(key, [o]);
      out.push(o);
    }
  }
  return out.map((o) => {
    if (o.aspect !== "header") return o;
    const label = o.subject.slice(o.subject.lastIndexOf(" header ") + 1);
    const group = groups.get(JSON.stringify([label, o.severity, o.dimension ?? null, o.message]))!;
    if (group.length < 2) return o;
    const requests = group.map((g) => g.subject.slice(0, g.subject.lastIndexOf(" header ")));
    return { ...o, subject: label, message: `${o.message} (${requests.length} requests: ${requests.join(", ")})` };
  });
}

/** A header or body value that looked like a credential, as the snapshot keeps it: its keyed hash only. */
const HIDDEN = /«redacted:[0-9a-f]+»/g;

/** What a report shows of a value: a hidden one as «redacted», without its hash. */
export function shownValue<T>(value: T): T {
  if (typeof value === "string") return value.replace(HIDDEN, REDACTED) as T;
  if (value !== null && typeof value === "object") return JSON.parse(JSON.stringify(value).replace(HIDDEN, REDACTED)) as T;
  return value;
}

/** True when a value was hidden: comparable by its hash only under the same hash key. */
export const isHidden = (value: unknown): boolean => typeof value === "string" && value.includes("«redacted:");

/**
 * Header values, redirect targets and body values that look like credentials (a session JWT
 * echoed in a header, an api_key in a JSON body), whatever they are called, are replaced by
 * `«redacted:<keyed hash>»` before the snapshot exists: equal secrets still compare equal, and
 * neither a report nor a snapshot file carries them.
 */
export async function hideSecretLooking(requests: RequestEvidence[], hash: (value: string) => string): Promise<void> {
  const answers = requests.flatMap((r) => r.samples).filter((s): s is AnswerSample => !("error" in s));
  const texts = answers.flatMap((a) => [...Object.values(a.headers), a.location ?? "", ...Object.values(a.values).filter((v): v is string => typeof v === "string")]);
  const secrets = await findSecrets(texts);
  if (!secrets.length) return;
  const hide = (text: string): string => (secrets.some((secret) => text.includes(secret)) ? `«redacted:${hash(text)}»` : text);
  for (const a of answers) {
    for (const [name, value] of Object.entries(a.headers)) a.headers[name] = hide(value);
    if (a.location) a.location = hide(a.location);
    for (const [path, value] of Object.entries(a.values)) if (typeof value === "string") a.values[path] = hide(value);
  }
}
