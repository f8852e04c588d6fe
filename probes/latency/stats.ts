import { createHistogram } from "node:perf_hooks";

/**
 * Distribution-free statistics for latency samples. Order statistics rather than a t-test on
 * means: latency is skewed and heavy-tailed, and what users care about is percentiles.
 */

/** Percentiles from Node's HDR histogram over microsecond integers (3 significant figures). */
export function percentilesMs(valuesUs: readonly number[]): { p50: number; p95: number; p99: number; max: number; mean: number } {
  if (valuesUs.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const h = createHistogram();
  for (const v of valuesUs) h.record(Math.max(1, Math.round(v)));
  const ms = (us: number): number => Math.round(us) / 1000;
  return { p50: ms(h.percentile(50)), p95: ms(h.percentile(95)), p99: ms(h.percentile(99)), max: ms(h.max), mean: ms(h.mean) };
}

/** Nearest-rank percentile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

function logBinomialPmf(n: number, k: number, q: number): number {
  return logChoose(n, k) + k * Math.log(q) + (n - k) * Math.log1p(-q);
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const lf: number[] = [0];
function logFactorial(n: number): number {
  for (let i = lf.length; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf[n];
}

/**
 * Exact two-sided confidence interval for the q-quantile from order statistics: ranks l < u
 * with P(l ≤ B < u) ≥ level, where B ~ Binomial(n, q) counts samples below the true quantile.
 * Returns null when n cannot support it (q = 0.95 needs n ≥ 72, q = 0.99 needs n ≥ 367 at 95%).
 */
export function quantileInterval(sorted: readonly number[], q: number, level = 0.95): { low: number; high: number } | null {
  const n = sorted.length;
  const tail = (1 - level) / 2;
  let cdf = 0;
  let low = 0; // largest l with P(B ≤ l − 1) ≤ tail
  let high = 0; // smallest u with P(B ≥ u) ≤ tail
  for (let k = 0; k <= n; k++) {
    const next = cdf + Math.exp(logBinomialPmf(n, k, q));
    if (next <= tail) low = k + 1;
    if (high === 0 && 1 - next <= tail) high = k + 1;
    cdf = next;
    if (high) break;
  }
  if (low < 1 || high < 1 || high > n) return null;
  return { low: sorted[low - 1], high: sorted[high - 1] };
}

/** The smallest sample count for which `quantileInterval` exists. */
export function minSamplesFor(q: number, level = 0.95): number {
  // (1 − q)^n and q^n must both fall below the tail probability.
  const tail = (1 - level) / 2;
  return Math.ceil(Math.log(tail) / Math.log(Math.max(q, 1 - q)));
}

/**
 * Diffy's noise floor for one environment: the same percentile over its even and odd
 * samples (two interleaved halves of one run). A gap smaller than this could be the
 * environment disagreeing with itself.
 */
export function halfSpread(valuesInOrder: readonly number[], q: number): number {
  const even = valuesInOrder.filter((_, i) => i % 2 === 0).sort((a, b) => a - b);
  const odd = valuesInOrder.filter((_, i) => i % 2 === 1).sort((a, b) => a - b);
  if (even.length === 0 || odd.length === 0) return Infinity;
  return Math.abs(quantile(even, q) - quantile(odd, q));
}

/** Two-sided Fisher exact test for a 2×2 table: a of n1 vs b of n2. */
export function fisherExact(a: number, n1: number, b: number, n2: number): number {
  const k = a + b;
  const n = n1 + n2;
  const logP = (x: number): number => logChoose(n1, x) + logChoose(n2, k - x) - logChoose(n, k);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, k - n2); x <= Math.min(k, n1); x++) {
    const lp = logP(x);
    // Tables as or less likely than the observed one (with a little slack for rounding).
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

/** Log-spaced bucket upper bounds, ten per decade, covering [minMs, maxMs]. */
export function logBounds(minMs: number, maxMs: number): number[] {
  const lo = Math.floor(Math.log10(Math.max(minMs, 0.001)) * 10);
  const hi = Math.ceil(Math.log10(Math.max(maxMs, 0.001)) * 10);
  const bounds: number[] = [];
  for (let k = lo; k <= Math.max(hi, lo + 1); k++) bounds.push(Number((10 ** (k / 10)).toPrecision(3)));
  return bounds;
}

/** Counts per bucket: a value falls in the first bucket whose upper bound is ≥ it. */
export function bucketCounts(valuesMs: readonly number[], bounds: readonly number[]): Array<[number, number]> {
  const counts = bounds.map((b) => [b, 0] as [number, number]);
  for (const v of valuesMs) {
    let i = bounds.findIndex((b) => v <= b);
    if (i < 0) i = bounds.length - 1;
    counts[i][1]++;
  }
  return counts;
}
