import type { CompareContext } from "../../src/probe.js";
import type { Observation, Severity } from "../../src/types.js";
import { figuresOf, isError, latenciesMs, sharedBounds } from "./figures.js";
import { DEFAULT_THRESHOLDS } from "./options.js";
import type { LatencyOptions, Thresholds } from "./options.js";
import { fisherExact, halfSpread, minSamplesFor, quantile, quantileInterval } from "./stats.js";
import type { LatencyFigures, LatencySnapshot } from "./types.js";
import { raisedCapsObservations } from "../http/caps.js";

const PERCENTILES = [
  { name: "p50", q: 0.5, ms: "p50Ms", ratio: undefined, loop: "p50Ms" },
  { name: "p95", q: 0.95, ms: "p95Ms", ratio: "p95Ratio", loop: "p95Ms" },
  { name: "p99", q: 0.99, ms: "p99Ms", ratio: "p99Ratio", loop: "p99Ms" },
] as const;

const ms = (v: number): string => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/**
 * A gap is reported only when it clears the map's thresholds AND the noise: the two sides'
 * 95% order-statistic intervals must not overlap, the gap must exceed each side's own
 * disagreement between its interleaved halves, and parity's event loop must not have stalled
 * by a comparable amount. When the data cannot say, the probe says "inconclusive" and why.
 */
export function compareLatency(staging: LatencySnapshot, production: LatencySnapshot, ctx: CompareContext<LatencyOptions>): Observation[] {
  const thresholds: Thresholds = ctx.options.thresholds ?? DEFAULT_THRESHOLDS;
  const sMs = latenciesMs(staging);
  const pMs = latenciesMs(production);
  const bounds = sharedBounds(sMs, pMs);
  const sFig = figuresOf(staging, bounds);
  const pFig = figuresOf(production, bounds);
  const subject = staging.request;
  const observe = (aspect: string, severity: Severity, message: string, kind: Observation["kind"] = "difference"): Observation => ({
    ...(kind !== "difference" ? { kind } : {}),
    subject,
    aspect,
    severity,
    message,
    staging: sFig,
    production: pFig,
  });

  const out: Observation[] = [];
  // Each reason is kept with the aspect it is about, so a map entry on that aspect (say p95) is
  // reported as unverified this time rather than stale.
  const inconclusive: Array<{ aspect: string; reason: string }> = [];
  const sSorted = [...sMs].sort((a, b) => a - b);
  const pSorted = [...pMs].sort((a, b) => a - b);

  for (const p of PERCENTILES) {
    const msT = thresholds[p.ms];
    const ratioT = p.ratio ? thresholds[p.ratio] : undefined;
    if (msT === undefined && ratioT === undefined) continue;
    const need = minSamplesFor(p.q);
    const short = [`staging ${sSorted.length}`, `production ${pSorted.length}`].filter((_, i) => [sSorted, pSorted][i].length < need);
    if (short.length) {
      inconclusive.push({ aspect: p.name, reason: `${p.name} needs at least ${need} timed samples per side (had ${short.join(", ")})` });
      continue;
    }
    const vS = quantile(sSorted, p.q);
    const vP = quantile(pSorted, p.q);
    const gap = Math.abs(vP - vS);
    const ratio = Math.max(vS, vP) / Math.max(Math.min(vS, vP), 0.001);
    if ((msT !== undefined && gap <= msT) || (ratioT !== undefined && ratio <= ratioT)) continue;
    const ciS = quantileInterval(sSorted, p.q)!;
    const ciP = quantileInterval(pSorted, p.q)!;
    const noise = Math.max(halfSpread(sMs, p.q), halfSpread(pMs, p.q));
    const figures = `${ms(vS)} vs ${ms(vP)}`;
    // A request is delayed by a stall about as often as the loop is stalled, so parity's own
    // delays at the same percentile are what could have manufactured this percentile's gap.
    const own = Math.max(ownDelay(staging, p.q, p.loop), ownDelay(production, p.q, p.loop));
    if (own * 2 >= gap) {
      inconclusive.push({
        aspect: p.name,
        reason: `${p.name} differs (${figures}) but parity's own delays (event loop, late sends, queueing behind its concurrency) reached ${ms(own)} at that percentile, comparable to the gap`,
      });
    } else if (ciS.high >= ciP.low && ciP.high >= ciS.low) {
      inconclusive.push({ aspect: p.name, reason: `${p.name} differs (${figures}) but the 95% intervals overlap (${ms(ciS.low)}–${ms(ciS.high)} vs ${ms(ciP.low)}–${ms(ciP.high)})` });
    } else if (gap <= noise) {
      inconclusive.push({ aspect: p.name, reason: `${p.name} differs (${figures}) by no more than one side's halves differ from each other (${ms(noise)})` });
    } else {
      out.push(percentileGap(p.name, vS, vP, ratio, gap, { ciS, ciP, msT, ratioT }, observe));
    }
  }

  const errors = compareErrors(staging, production, sFig, pFig, thresholds.errorRate ?? DEFAULT_THRESHOLDS.errorRate);
  if (errors.observation) out.push(observe("error-rate", errors.observation.severity, errors.observation.message));
  if (errors.inconclusive) inconclusive.push({ aspect: "error-rate", reason: errors.inconclusive });

  const figures = `staging p50 ${ms(sFig.p50Ms)} p95 ${ms(sFig.p95Ms)} errors ${pct(sFig.errorRate)}; production p50 ${ms(pFig.p50Ms)} p95 ${ms(pFig.p95Ms)} errors ${pct(pFig.errorRate)}`;
  for (const { aspect, reason } of inconclusive) out.push(observe(aspect, "low", `inconclusive: ${reason} (${figures})`, "inconclusive"));
  if (out.length === 0) out.push(observe("latency", "low", `no latency gap beyond the thresholds and the noise (${figures})`, "measurement"));
  const capped = scheduleNote(staging, production, ctx.options.ratePerSecond);
  if (capped) out.push(observe("rate", "low", capped, "measurement"));
  return [...raisedCapsObservations(staging.caps, production.caps), ...out];
}

/**
 * A side sampled slower than the probe asked (its environment's http.maxRatePerSecond is lower)
 * is said, never silent: the figures are that rate's, and when the two sides ran different
 * schedules, a latency that grows with load compares a busier side with a quieter one.
 */
function scheduleNote(staging: LatencySnapshot, production: LatencySnapshot, asked: number): string | undefined {
  const slower = (["staging", "production"] as const).filter((side) => (side === "staging" ? staging : production).ratePerSecond < asked);
  if (!slower.length) return undefined;
  const at = (side: "staging" | "production") => `${side} at ${(side === "staging" ? staging : production).ratePerSecond}/s`;
  const which = slower.map(at).join(" and ");
  const differ = staging.ratePerSecond !== production.ratePerSecond;
  const cap = slower.length === 2 ? "their environments' http.maxRatePerSecond caps them" : "its environment's http.maxRatePerSecond caps it";
  return `sampled ${which} instead of the ${asked}/s asked: ${cap}${
    differ ? `; the two sides ran different schedules (${at("staging")}, ${at("production")}), so a latency that grows with load is compared at unequal load` : ""
  }`;
}

/**
 * parity's own share of the measured latency at quantile q, in ms: the event loop's stall,
 * how late the request's timer fired, and how long it queued for a connection slot (latency
 * minus service time). A starved client or a concurrency too small for the service's speed
 * shows here, and it can skew one side more than the other.
 */
export function ownDelay(snapshot: LatencySnapshot, q: number, loop: "p50Ms" | "p95Ms" | "p99Ms"): number {
  const at = (values: number[]): number => (values.length ? quantile(values.sort((a, b) => a - b), q) / 1000 : 0);
  const queued: number[] = [];
  snapshot.latencyUs.forEach((l, i) => {
    const svc = snapshot.serviceUs[i];
    if (l !== null && svc !== null) queued.push(Math.max(0, l - svc));
  });
  return Math.max(snapshot.eventLoopDelay[loop], at([...(snapshot.lateUs ?? [])]), at(queued));
}

function percentileGap(
  name: string,
  vS: number,
  vP: number,
  ratio: number,
  gap: number,
  evidence: { ciS: { low: number; high: number }; ciP: { low: number; high: number }; msT?: number; ratioT?: number },
  observe: (aspect: string, severity: Severity, message: string) => Observation,
): Observation {
  const stagingFaster = vS < vP;
  // How far past the threshold the gap is: 2× past it is a different class of problem.
  const margin = Math.min(evidence.ratioT ? ratio / evidence.ratioT : Infinity, evidence.msT ? gap / evidence.msT : Infinity);
  const severity: Severity = !stagingFaster ? "low" : margin >= 2 ? "high" : "medium";
  const interval = (ci: { low: number; high: number }): string => `${ms(ci.low)}–${ms(ci.high)}`;
  const message = stagingFaster
    ? `production ${name} is ${ratio.toFixed(1)}× staging's (${ms(vP)} vs ${ms(vS)}; 95% intervals ${interval(evidence.ciP)} vs ${interval(evidence.ciS)}): staging is faster, so tests there will not meet production's slow calls and timeouts`
    : `staging ${name} is ${ratio.toFixed(1)}× production's (${ms(vS)} vs ${ms(vP)}; 95% intervals ${interval(evidence.ciS)} vs ${interval(evidence.ciP)}): staging is slower than production`;
  return observe(name, severity, message);
}

function compareErrors(
  staging: LatencySnapshot,
  production: LatencySnapshot,
  sFig: LatencyFigures,
  pFig: LatencyFigures,
  threshold: number,
): { observation?: { severity: Severity; message: string }; inconclusive?: string } {
  const diff = pFig.errorRate - sFig.errorRate;
  if (Math.abs(diff) <= threshold) return {};
  const p = fisherExact(sFig.errors, sFig.samples, pFig.errors, pFig.samples);
  const describe = (name: string, f: LatencyFigures, snap: LatencySnapshot): string => {
    const kinds: Record<string, number> = {};
    for (const o of snap.outcomes) if (isError(o)) kinds[String(o)] = (kinds[String(o)] ?? 0) + 1;
    const detail = Object.entries(kinds).map(([k, n]) => `${k} ×${n}`).join(", ");
    return `${name} failed ${f.errors} of ${f.samples} (${pct(f.errorRate)}${detail ? `: ${detail}` : ""})`;
  };
  const text = `${describe("production", pFig, production)}, ${describe("staging", sFig, staging)}`;
  if (p >= 0.05) return { inconclusive: `error rates differ (${text}) but not beyond chance at this sample size (Fisher p = ${p.toFixed(2)})` };
  const productionWorse = diff > 0;
  const severity: Severity = !productionWorse ? "low" : Math.abs(diff) >= 5 * threshold ? "high" : "medium";
  const why = productionWorse ? ": staging never exercises the failure path production takes" : "";
  return { observation: { severity, message: `${text}; Fisher p = ${p.toFixed(3)}${why}` } };
}
