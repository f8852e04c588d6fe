/**
 * The few statistics the comparison needs, hand-written because each is a handful of lines
 * and the npm statistics packages either lack them (PSI, Jensen–Shannon with a noise floor,
 * KS on quantile sketches) or pull in far more than we use.
 */

/** An absence is reported as a gap only when chance alone explains it less than 1% of the time. */
export const CHANCE_THRESHOLD = 0.01;

/** The chance that a value with share `p` is absent from `n` independent rows: (1−p)^n. */
export function chanceOfAbsence(p: number, n: number): number {
  if (p <= 0) return 1;
  if (p >= 1) return n > 0 ? 0 : 1;
  // log1p keeps precision for the small shares that matter here.
  return Math.exp(n * Math.log1p(-p));
}

/**
 * The empirical CDF F(x) = P(X ≤ x) recovered from percentiles 0..100 with percentile_disc
 * semantics (q[k] is the smallest value whose cumulative share reaches k/100). Exact to 1/100
 * at the quantile points; linear in between, which is what a continuous column does.
 */
export function cdfFromQuantiles(q: readonly number[], x: number): number {
  const last = q.length - 1;
  if (last < 1) return x >= (q[0] ?? Infinity) ? 1 : 0;
  if (x < q[0]) return 0;
  if (x >= q[last]) return 1;
  // Largest k with q[k] <= x (binary search: quantiles are sorted).
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (q[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  const k = lo;
  const next = q[k + 1];
  if (x === q[k] || next === q[k]) return k / last;
  return (k + (x - q[k]) / (next - q[k])) / last;
}

/** Shares of bins (−∞, e₁], (e₁, e₂], …, (eₖ, ∞) under the distribution the quantiles describe. */
export function binShares(q: readonly number[], edges: readonly number[]): number[] {
  const cdf = edges.map((e) => cdfFromQuantiles(q, e));
  const shares: number[] = [];
  let previous = 0;
  for (const c of cdf) {
    shares.push(Math.max(0, c - previous));
    previous = Math.max(previous, c);
  }
  shares.push(Math.max(0, 1 - previous));
  return shares;
}

/** Bin edges at production's deciles (ties merged, so discrete columns get fewer bins). */
export function decileEdges(q: readonly number[]): number[] {
  const step = (q.length - 1) / 10;
  const edges: number[] = [];
  for (let i = 1; i < 10; i++) {
    const v = q[Math.round(i * step)];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  return edges;
}

/** Counts → shares with half-a-row added to every bin, so an empty bin has a finite log. */
function smoothed(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0) + 0.5 * counts.length;
  return counts.map((c) => (c + 0.5) / total);
}

/** Population Stability Index of two binned samples (counts per bin, same bins). */
export function psi(a: readonly number[], b: readonly number[]): number {
  const p = smoothed(a);
  const q = smoothed(b);
  return p.reduce((sum, pi, i) => sum + (pi - q[i]) * Math.log(pi / q[i]), 0);
}

/**
 * PSI between two samples of the same distribution is ≈ χ²(B−1)·(1/n + 1/m): its mean,
 * (B−1)(1/n + 1/m), is the floor below which a PSI says nothing.
 */
export function psiNoiseFloor(bins: number, n: number, m: number): number {
  return (bins - 1) * (1 / n + 1 / m);
}

/** Jensen–Shannon divergence in bits (0…1) of two binned samples. */
export function jsDivergence(a: readonly number[], b: readonly number[]): number {
  const p = smoothed(a);
  const q = smoothed(b);
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    d += 0.5 * p[i] * Math.log2(p[i] / m) + 0.5 * q[i] * Math.log2(q[i] / m);
  }
  return Math.max(0, d);
}

/** JS divergence under no drift ≈ χ²(B−1)(1/n + 1/m) / (8 ln 2) bits (second-order expansion). */
export function jsNoiseFloor(bins: number, n: number, m: number): number {
  return psiNoiseFloor(bins, n, m) / (8 * Math.LN2);
}

/** Kolmogorov–Smirnov D between two distributions given by their percentiles. */
export function ksDistance(qa: readonly number[], qb: readonly number[]): number {
  let d = 0;
  for (const x of [...qa, ...qb]) d = Math.max(d, Math.abs(cdfFromQuantiles(qa, x) - cdfFromQuantiles(qb, x)));
  return d;
}

/** Two-sample KS critical value c(α)·√((n+m)/(n·m)), with c(α) = √(−ln(α/2)/2). */
export function ksCritical(n: number, m: number, alpha: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / (n * m));
}

/** Upper tail P(χ²ₖ > x): the regularised upper incomplete gamma Q(k/2, x/2). */
export function chiSquareSf(x: number, k: number): number {
  if (x <= 0) return 1;
  return gammaQ(k / 2, x / 2);
}

/** Two-sided p-value of a two-proportion z-test (pooled). */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number {
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = Math.abs(x1 / n1 - x2 / n2) / se;
  return erfc(z / Math.SQRT2);
}

// Numerical Recipes (2nd ed., §6.1–6.2): Lanczos log-gamma, series and continued fraction.
function logGamma(x: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let ser = 1.000000000190015;
  for (const cj of c) ser += cj / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / x);
}

function gammaQ(a: number, x: number): number {
  const gln = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let del = sum;
    let ap = a;
    for (let n = 0; n < 1000 && Math.abs(del) > Math.abs(sum) * 1e-15; n++) {
      del *= x / ++ap;
      sum += del;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - gln) * h;
}

/** Complementary error function (Numerical Recipes `erfcc`, fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Pearson's χ² test of homogeneity for two samples binned alike: statistic and degrees of freedom. */
export function homogeneity(a: readonly number[], b: readonly number[]): { statistic: number; df: number; p: number } {
  const na = a.reduce((x, y) => x + y, 0);
  const nb = b.reduce((x, y) => x + y, 0);
  const total = na + nb;
  let statistic = 0;
  let bins = 0;
  for (let i = 0; i < a.length; i++) {
    const column = a[i] + b[i];
    if (column === 0) continue;
    bins++;
    const ea = (column * na) / total;
    const eb = (column * nb) / total;
    statistic += (a[i] - ea) ** 2 / ea + (b[i] - eb) ** 2 / eb;
  }
  const df = Math.max(1, bins - 1);
  return { statistic, df, p: bins < 2 ? 1 : chiSquareSf(statistic, df) };
}
