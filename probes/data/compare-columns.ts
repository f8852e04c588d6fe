import type { Observation, Severity } from "../../src/types.js";
import type { CategoryCount, ColumnProfile } from "./types.js";
import { CHANCE_THRESHOLD, binShares, chanceOfAbsence, decileEdges, homogeneity, jsDivergence, jsNoiseFloor, ksCritical, ksDistance, psi, psiNoiseFloor } from "./stats.js";
import { chance, count, fixed, percent } from "./format.js";

/** A drift is reported when it is both unlikely by chance (p < 0.001) and large (PSI ≥ 0.1 above its noise floor). */
const SIGNIFICANCE = 0.001;
const MIN_PSI = 0.1;
/** Categorical mixes are compared on at most this many bins (the rest pooled as "other"). */
const MAX_CATEGORY_BINS = 20;

const label = (c: CategoryCount) => (c.value !== undefined ? `'${c.value}'` : `#${c.hash}`);
const evidenceOf = (c: CategoryCount, n: number) => ({ ...(c.value !== undefined ? { value: c.value } : {}), hash: c.hash, count: c.count, share: fixed(c.count / n, 4) });

/** Values common on one side and absent on the other, judged by the chance of that absence. */
export function compareCategories(subject: string, s: ColumnProfile, p: ColumnProfile, sRows: number, pRows: number): Observation[] {
  if (!s.categories || !p.categories) return [];
  const nS = sRows - s.nulls;
  const nP = pRows - p.nulls;
  if (nS === 0 || nP === 0) return [];
  const column = subject.slice(subject.lastIndexOf(".") + 1);
  const out: Observation[] = [];
  const reported = new Set<string>();
  const sides = [
    { from: p.categories, fromN: nP, to: s.categories, toN: nS, fromName: "production", toName: "staging" },
    { from: s.categories, fromN: nS, to: p.categories, toN: nP, fromName: "staging", toName: "production" },
  ] as const;
  for (const side of sides) {
    // Absence is only known when the other side's top list is complete.
    if (!side.to.complete) continue;
    const present = new Set(side.to.top.map((c) => c.hash));
    const absent = side.from.top
      .filter((c) => !present.has(c.hash))
      .map((c) => ({ c, odds: chanceOfAbsence(c.count / side.fromN, side.toN) }))
      .filter((x) => x.odds < CHANCE_THRESHOLD);
    if (absent.length === 0) continue;
    for (const x of absent) reported.add(x.c.hash);
    const maxShare = Math.max(...absent.map((x) => x.c.count / side.fromN));
    const worstOdds = Math.max(...absent.map((x) => x.odds));
    const severity: Severity = side.fromName === "production" ? (maxShare >= 0.05 ? "high" : "medium") : "low";
    const listed = absent.slice(0, 5).map((x) => `${label(x.c)} (${percent(x.c.count / side.fromN)})`).join(", ") + (absent.length > 5 ? `, … ${absent.length - 5} more` : "");
    const noun = absent.length === 1 ? "value" : `${absent.length} values`;
    const values = absent.map((x) => evidenceOf(x.c, side.fromN));
    out.push({
      subject, aspect: "categories", severity,
      staging: side.fromName === "staging" ? { onlyHere: values } : { rows: nS, missing: values.length },
      production: side.fromName === "production" ? { onlyHere: values } : { rows: nP, missing: values.length },
      message: `${side.fromName} has ${column} ${noun} ${listed} that ${side.toName} never shows in ${count(side.toN)} rows — ${absent.length === 1 ? "a" : "at most a"} chance of ${chance(worstOdds)}`,
    });
  }
  const mix = categoryMix(subject, column, s, p, nS, nP, reported);
  return mix ? [...out, mix] : out;
}

/** The mix of the values both sides have: values already reported absent would only be said twice. */
function categoryMix(subject: string, column: string, s: ColumnProfile, p: ColumnProfile, nS: number, nP: number, reported: Set<string>): Observation | undefined {
  const without = (top: CategoryCount[]) => top.filter((c) => reported.has(c.hash)).reduce((sum, c) => sum + c.count, 0);
  const restS = nS - without(s.categories!.top);
  const restP = nP - without(p.categories!.top);
  if (restS <= 0 || restP <= 0) return undefined;
  const bins = p.categories!.top.filter((c) => !reported.has(c.hash)).slice(0, MAX_CATEGORY_BINS - 1);
  const sCount = new Map(s.categories!.top.map((c) => [c.hash, c.count]));
  const sBins = bins.map((c) => sCount.get(c.hash) ?? 0);
  const pBins = bins.map((c) => c.count);
  sBins.push(restS - sBins.reduce((a, b) => a + b, 0));
  pBins.push(restP - pBins.reduce((a, b) => a + b, 0));
  return judge(subject, "categories", `the mix of ${column} values`, sBins, pBins, restS, restP);
}

/** Numeric and time columns on bins cut at production's deciles, plus KS on the percentile sketches. */
export function compareDistribution(subject: string, s: ColumnProfile, p: ColumnProfile, sRows: number, pRows: number): Observation[] {
  if (s.quantiles?.length !== 101 || p.quantiles?.length !== 101) return [];
  // The percentiles' own row counts: on large tables they come from a subsample.
  const nS = s.quantileRows ?? sRows - s.nulls;
  const nP = p.quantileRows ?? pRows - p.nulls;
  if (nS < 2 || nP < 2) return [];
  const edges = decileEdges(p.quantiles);
  const sBins = binShares(s.quantiles, edges).map((x) => x * nS);
  const pBins = binShares(p.quantiles, edges).map((x) => x * nP);
  const d = ksDistance(s.quantiles, p.quantiles);
  // The percentile sketch knows each CDF to 1/100; that slack is added to the critical value.
  const critical = ksCritical(nS, nP, SIGNIFICANCE) + 0.01;
  const column = subject.slice(subject.lastIndexOf(".") + 1);
  const show = (v: number) => (p.kind === "time" ? new Date(v * 1000).toISOString().slice(0, 10) : String(fixed(v, 2)));
  const extra = `; KS D ${fixed(d)} vs critical ${fixed(critical)}; median ${show(s.quantiles[50])} in staging, ${show(p.quantiles[50])} in production`;
  const observation = judge(subject, "distribution", `${column}`, sBins, pBins, nS, nP, d > critical, extra);
  if (!observation) return [];
  Object.assign(observation.staging as object, { median: s.quantiles[50], p10: s.quantiles[10], p90: s.quantiles[90], ks: fixed(d) });
  Object.assign(observation.production as object, { median: p.quantiles[50], p10: p.quantiles[10], p90: p.quantiles[90], ksCritical: fixed(critical) });
  return [observation];
}

function judge(subject: string, aspect: string, what: string, sBins: number[], pBins: number[], nS: number, nP: number, ksSignificant = false, extra = ""): Observation | undefined {
  const bins = pBins.filter((c, i) => c + sBins[i] > 0).length;
  if (bins < 2) return undefined;
  const value = psi(sBins, pBins);
  const floor = psiNoiseFloor(bins, nS, nP);
  const net = value - floor;
  const test = homogeneity(sBins, pBins);
  if (net < MIN_PSI || (test.p >= SIGNIFICANCE && !ksSignificant)) return undefined;
  const js = Math.sqrt(Math.max(0, jsDivergence(sBins, pBins) - jsNoiseFloor(bins, nS, nP)));
  const severity: Severity = net >= 1 ? "high" : net >= 0.25 ? "medium" : "low";
  return {
    subject, aspect, severity,
    staging: { rows: nS, shares: sBins.map((c) => fixed(c / nS, 4)) },
    production: { rows: nP, shares: pBins.map((c) => fixed(c / nP, 4)), psi: fixed(value), psiNoiseFloor: fixed(floor, 4), jsDistance: fixed(js) },
    message: `${what} differs between staging and production: PSI ${fixed(value, 2)} (${fixed(net, 2)} above the noise floor of ${fixed(floor, 3)} for ${count(nS)} vs ${count(nP)} rows), Jensen–Shannon distance ${fixed(js, 2)}${extra}`,
  };
}
