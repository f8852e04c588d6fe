import { matchesAny } from "../../src/glob.js";
import type { Observation, Severity } from "../../src/types.js";
import type { AnswerSample } from "./types.js";

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

/** A header's value if every sample agrees on it, `volatile` if they disagree, undefined if absent in all. */
function settled(samples: AnswerSample[], name: string): string | "volatile" | undefined {
  const values = new Set(samples.map((s) => s.headers[name]));
  if (values.size === 1) return [...values][0];
  // Present in some samples only, or different values: the environment disagrees with itself.
  return "volatile";
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
        staging: s === undefined ? null : s,
        production: p === undefined ? null : p,
      });
    } else if (s !== undefined && p !== undefined && s !== "volatile" && p !== "volatile" && s !== p) {
      out.push({
        ...base,
        severity: security ? "medium" : "low",
        message: `${label} differs: staging sends "${s}", production "${p}"`,
        staging: s,
        production: p,
      });
    }
  }
  return out;
}
