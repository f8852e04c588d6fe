import type { CompareContext } from "../../src/probe.js";
import type { JsonValue, Observation, Severity } from "../../src/types.js";
import { hashKeyMismatch } from "../../src/secret-hash.js";
import { compareHeaders, isHidden, mergeHeaderObservations, shownValue } from "./headers.js";
import { compareTls } from "./compare-tls.js";
import type { StatusOptions } from "./options.js";
import { isFailed } from "./types.js";
import type { AnswerSample, RequestEvidence, Sample, StatusSnapshot } from "./types.js";
import { raisedCapsObservations } from "../http/caps.js";

const outcome = (s: Sample): string => (isFailed(s) ? s.error : String(s.status));

function counts(samples: Sample[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) out[outcome(s)] = (out[outcome(s)] ?? 0) + 1;
  return out;
}

const describeCounts = (c: Record<string, number>): string =>
  Object.entries(c)
    .map(([k, n]) => `${k} ×${n}`)
    .join(", ");

/** The status most samples answered, and only those samples: other fields compare like with like. */
function modal(samples: Sample[]): AnswerSample[] {
  const answers = samples.filter((s): s is AnswerSample => !isFailed(s));
  const c = counts(answers);
  const top = Object.entries(c).sort((a, b) => b[1] - a[1])[0]?.[0];
  return answers.filter((s) => String(s.status) === top);
}

const isAuth = (k: string): boolean => k === "401" || k === "403";
const is2xx = (k: string): boolean => /^2\d\d$/.test(k);

export function compareStatus(staging: StatusSnapshot, production: StatusSnapshot, ctx: CompareContext<StatusOptions>): Observation[] {
  const out: Observation[] = [...raisedCapsObservations(staging.caps, production.caps), ...compareTls(staging, production, ctx.now)];
  const sameHashKey = hashKeyMismatch(staging.hashKey, production.hashKey) === null;
  // By name, not position: a saved snapshot may come from an older map with other requests.
  const bySubject = new Map(production.requests.map((p) => [p.request, p]));
  for (const s of staging.requests) {
    const p = bySubject.get(s.request);
    if (p) out.push(...compareRequest(s, p, ctx.options, sameHashKey));
  }
  return mergeHeaderObservations(out);
}

function compareRequest(s: RequestEvidence, p: RequestEvidence, o: StatusOptions, sameHashKey: boolean): Observation[] {
  const out: Observation[] = [];
  const sc = counts(s.samples);
  const pc = counts(p.samples);
  const subject = s.request;
  const sKeys = Object.keys(sc).sort().join();
  const pKeys = Object.keys(pc).sort().join();
  if (sKeys !== pKeys) {
    out.push(statusGap(subject, sc, pc));
  } else if (s.expect) {
    const off = Object.keys(sc).filter((k) => !s.expect!.map(String).includes(k));
    if (off.length) {
      out.push({
        subject,
        aspect: "status",
        severity: "medium",
        message: `both sides answered ${describeCounts(sc)} (expected ${s.expect.join(" or ")})`,
        staging: sc,
        production: pc,
      });
    }
  }

  const sm = modal(s.samples);
  const pm = modal(p.samples);
  if (!sm.length || !pm.length || sm[0].status !== pm[0].status) return out;

  const sLoc = new Set(sm.map((x) => x.location));
  const pLoc = new Set(pm.map((x) => x.location));
  if (sLoc.size === 1 && pLoc.size === 1 && sm[0].location !== pm[0].location && (sameHashKey || !(isHidden(sm[0].location) || isHidden(pm[0].location)))) {
    out.push({
      subject,
      aspect: "redirect",
      severity: "medium",
      message: `redirects differ: staging → ${shownValue(sm[0].location) ?? "(none)"}, production → ${shownValue(pm[0].location) ?? "(none)"}`,
      staging: shownValue(sm[0].location),
      production: shownValue(pm[0].location),
    });
  }

  const sType = sm[0].contentType;
  const pType = pm[0].contentType;
  if (sType !== pType) {
    const media = (t: string | null): string => (t ?? "").split(";")[0];
    out.push({
      subject,
      aspect: "content-type",
      severity: media(sType) === media(pType) ? "low" : "medium",
      message: `content type differs: staging ${sType ?? "(none)"}, production ${pType ?? "(none)"}`,
      staging: sType,
      production: pType,
    });
  }

  if (o.compare.body === "shape") out.push(...compareShape(subject, sm, pm));
  out.push(...compareValues(subject, sm, pm, sameHashKey));
  out.push(...compareHeaders(subject, sm, pm, o.compare, sameHashKey));
  return out;
}

function statusGap(subject: string, sc: Record<string, number>, pc: Record<string, number>): Observation {
  const sKeys = Object.keys(sc);
  const pKeys = Object.keys(pc);
  const text = `staging answered ${describeCounts(sc)}, production ${describeCounts(pc)}`;
  // One side lets the request through where the other demands credentials.
  if (sKeys.every(is2xx) && pKeys.every(isAuth)) {
    return { subject, aspect: "status", dimension: "security", severity: "medium", staging: sc, production: pc, message: `${text}: the endpoint demands authentication in production but not in staging` };
  }
  if (pKeys.every(is2xx) && sKeys.every(isAuth)) {
    return { subject, aspect: "status", dimension: "security", severity: "high", staging: sc, production: pc, message: `${text}: the endpoint is open in production but demands authentication in staging` };
  }
  const cls = (keys: string[]): string => [...new Set(keys.map((k) => (/^\d/.test(k) ? `${k[0]}xx` : k)))].sort().join();
  const failing = (keys: string[]): boolean => keys.some((k) => !/^\d/.test(k) || k.startsWith("5"));
  const severity: Severity = failing(pKeys) !== failing(sKeys) || cls(sKeys) !== cls(pKeys) ? "medium" : "low";
  return { subject, aspect: "status", severity, message: text, staging: sc, production: pc };
}

/** Paths every sample of a side agrees on (a path present in some samples only is volatile). */
function stableShape(samples: AnswerSample[]): { kind: string; shape: Record<string, string> | null } {
  const kinds = new Set(samples.map((x) => x.bodyKind));
  const kind = kinds.size === 1 ? samples[0].bodyKind : "mixed";
  if (kind !== "json") return { kind, shape: null };
  const shape: Record<string, string> = {};
  for (const [path, type] of Object.entries(samples[0].shape ?? {})) {
    if (samples.every((x) => x.shape?.[path] === type)) shape[path] = type;
  }
  return { kind, shape };
}

function compareShape(subject: string, sm: AnswerSample[], pm: AnswerSample[]): Observation[] {
  const s = stableShape(sm);
  const p = stableShape(pm);
  if (s.kind === "mixed" || p.kind === "mixed") return [];
  if (s.kind !== p.kind) {
    return [{ subject, aspect: "body-shape", severity: "medium", message: `staging answers a ${s.kind} body, production a ${p.kind} body`, staging: s.kind, production: p.kind }];
  }
  if (!s.shape || !p.shape) return [];
  // Paths volatile on either side (present in only some of its samples) are skipped on both.
  const volatile = (samples: AnswerSample[], path: string): boolean => samples.some((x) => path in (x.shape ?? {})) && !samples.every((x) => path in (x.shape ?? {}));
  const onlyS: string[] = [];
  const onlyP: string[] = [];
  const typed: string[] = [];
  const sDiff: Record<string, JsonValue> = {};
  const pDiff: Record<string, JsonValue> = {};
  for (const path of new Set([...Object.keys(s.shape), ...Object.keys(p.shape)])) {
    if (volatile(sm, path) || volatile(pm, path)) continue;
    const a = s.shape[path];
    const b = p.shape[path];
    if (a === b) continue;
    if (a === undefined) onlyP.push(`${path} (${b})`);
    else if (b === undefined) onlyS.push(`${path} (${a})`);
    else typed.push(`${path} is ${a} in staging, ${b} in production`);
    sDiff[path] = a ?? null;
    pDiff[path] = b ?? null;
  }
  if (!onlyS.length && !onlyP.length && !typed.length) return [];
  const parts = [
    onlyP.length ? `only production has ${onlyP.join(", ")}` : "",
    onlyS.length ? `only staging has ${onlyS.join(", ")}` : "",
    typed.join("; "),
  ].filter(Boolean);
  return [{ subject, aspect: "body-shape", severity: "medium", message: `JSON body shape differs: ${parts.join("; ")}`, staging: sDiff, production: pDiff }];
}

/** Values the map asked for, compared where each side agrees with itself. */
function compareValues(subject: string, sm: AnswerSample[], pm: AnswerSample[], sameHashKey: boolean): Observation[] {
  const stable = (samples: AnswerSample[], path: string): JsonValue | undefined => {
    const seen = new Set(samples.map((x) => JSON.stringify(x.values[path])));
    return seen.size === 1 ? samples[0].values[path] : undefined;
  };
  const paths = new Set([...sm, ...pm].flatMap((x) => Object.keys(x.values)));
  const out: Observation[] = [];
  for (const path of [...paths].sort()) {
    const a = stable(sm, path);
    const b = stable(pm, path);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (a === undefined && sm.some((x) => path in x.values)) continue;
    if (b === undefined && pm.some((x) => path in x.values)) continue;
    if (!sameHashKey && (isHidden(a) || isHidden(b))) continue;
    out.push({
      subject: `${subject} ${path}`,
      aspect: "body-value",
      severity: "medium",
      message: `${path} differs: staging ${shownValue(JSON.stringify(a ?? null))}, production ${shownValue(JSON.stringify(b ?? null))}`,
      staging: shownValue(a ?? null),
      production: shownValue(b ?? null),
    });
  }
  return out;
}
