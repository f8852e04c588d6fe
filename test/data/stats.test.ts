import { describe, expect, it } from "vitest";
import {
  binShares, cdfFromQuantiles, chanceOfAbsence, chiSquareSf, decileEdges, erfc, homogeneity, jsDivergence, ksCritical, ksDistance, psi, psiNoiseFloor, twoProportionP,
} from "../../probes/data/stats.js";

// Where each reference value comes from is written beside it. "python3 math" = CPython's math
// module (libm's exp/log/erfc), an implementation independent of ours.

const uniformQuantiles = (shift = 0) => Array.from({ length: 101 }, (_, k) => k / 100 + shift);

describe("chance of absence", () => {
  it("is (1−p)^n: 3% absent from 1,000 rows", () => {
    // python3 math: exp(1000*log(0.97)) = 5.911997833619911e-14
    expect(chanceOfAbsence(0.03, 1000)).toBeCloseTo(5.911997833619911e-14, 25);
    expect(chanceOfAbsence(0.03, 1000) / 5.911997833619911e-14).toBeCloseTo(1, 9);
  });
  it("is certain for a zero share and impossible for a full one", () => {
    expect(chanceOfAbsence(0, 50)).toBe(1);
    expect(chanceOfAbsence(1, 50)).toBe(0);
  });
});

describe("chi-square upper tail", () => {
  it.each([
    // Critical values from any χ² table (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4): P(χ²₁ > 3.841) = 0.05, P(χ²₁₀ > 18.307) = 0.05, P(χ²₃ > 11.345) = 0.01.
    [3.841458820694124, 1, 0.05],
    [18.307038053275146, 10, 0.05],
    [11.344866730144373, 3, 0.01],
    // Closed forms: df 2 → e^(−x/2) (e^(−1) = 0.36787944117144233); df 4 → e^(−x/2)(1 + x/2), python3 math gives 0.10001751571024528 at x = 7.779.
    [2, 2, 0.36787944117144233],
    [7.779, 4, 0.10001751571024528],
  ])("P(χ² > %d; df %d) = %d", (x, df, expected) => {
    expect(chiSquareSf(x, df)).toBeCloseTo(expected, 6);
  });
});

describe("normal tail and proportions", () => {
  it("erfc(1) matches Abramowitz & Stegun table 7.1 (0.157299207)", () => {
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 6);
  });
  it("two-proportion z-test: 30/1000 vs 15/1000", () => {
    // By hand: pooled 0.0225, se = √(0.0225·0.9775·0.002) = 0.0066323, z = 2.26166; python3 math.erfc(z/√2) = 0.02371864263219147.
    expect(twoProportionP(30, 1000, 15, 1000)).toBeCloseTo(0.02371864263219147, 6);
  });
  it("χ² homogeneity of [10, 20] vs [30, 40]", () => {
    // By hand: expected 12, 18 / 28, 42 → χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793651; df 1;
    // p = erfc(√(χ²/2)) (python3 math) = 0.37299848361348714.
    const t = homogeneity([10, 20], [30, 40]);
    expect(t.statistic).toBeCloseTo(0.7936507936507936, 9);
    expect(t.df).toBe(1);
    expect(t.p).toBeCloseTo(0.37299848361348714, 6);
  });
});

describe("PSI and Jensen–Shannon", () => {
  it("PSI of 50/50 against 25/75", () => {
    // By hand: (0.5−0.25)·ln 2 + (0.5−0.75)·ln(0.5/0.75) = 0.2746530721670274 (large counts make the half-row smoothing negligible).
    expect(psi([5e6, 5e6], [2.5e6, 7.5e6])).toBeCloseTo(0.2746530721670274, 5);
  });
  it("JS divergence of 50/50 against 100/0 is 0.311278 bits", () => {
    // By hand with M = (0.75, 0.25): ½[0.5·log₂(0.5/0.75) + 0.5·log₂(0.5/0.25)] + ½[log₂(1/0.75)] = 0.3112781244591328.
    expect(jsDivergence([1e8, 1e8], [2e8, 0])).toBeCloseTo(0.3112781244591328, 4);
  });
  it("PSI between two samples of one distribution averages (B−1)(1/n+1/m) (Monte Carlo)", () => {
    // A seeded xorshift generator; 400 pairs of samples (n = 200, m = 5,000) of a 10-bin uniform.
    let state = 0x9e3779b9;
    const random = () => {
      state ^= state << 13; state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5; state >>>= 0;
      return state / 4294967296;
    };
    const draw = (n: number) => {
      const bins = new Array(10).fill(0);
      for (let i = 0; i < n; i++) bins[Math.floor(random() * 10)]++;
      return bins;
    };
    let sum = 0;
    for (let r = 0; r < 400; r++) sum += psi(draw(200), draw(5000));
    const floor = psiNoiseFloor(10, 200, 5000);
    expect(floor).toBeCloseTo(9 * (1 / 200 + 1 / 5000), 12);
    expect(sum / 400 / floor).toBeGreaterThan(0.85);
    expect(sum / 400 / floor).toBeLessThan(1.15);
  });
});

describe("quantile sketches", () => {
  it("recover the CDF of a uniform column", () => {
    const q = uniformQuantiles();
    expect(cdfFromQuantiles(q, 0.255)).toBeCloseTo(0.255, 9);
    expect(cdfFromQuantiles(q, -1)).toBe(0);
    expect(cdfFromQuantiles(q, 1)).toBe(1);
  });
  it("treat repeated percentiles as one atom", () => {
    // A column that is 0 in 70% of rows and 1 otherwise: percentiles 0..69 are 0 (percentile_disc at 0.70 is still 0).
    const q = Array.from({ length: 101 }, (_, k) => (k <= 70 ? 0 : 1));
    expect(cdfFromQuantiles(q, 0)).toBeCloseTo(0.7, 9);
    expect(decileEdges(q)).toEqual([0, 1]);
    expect(binShares(q, [0, 1]).map((x) => Number(x.toFixed(6)))).toEqual([0.7, 0.3, 0]);
  });
  it("KS D of U(0,1) against U(0.1,1.1) is 0.1", () => {
    // By hand: the two CDFs are 0.1 apart everywhere on [0.1, 1].
    expect(ksDistance(uniformQuantiles(), uniformQuantiles(0.1))).toBeCloseTo(0.1, 9);
  });
  it("KS critical value at α = 0.05 is 1.358·√((n+m)/(nm))", () => {
    // c(0.05) = √(−ln(0.025)/2) = 1.3581 (Smirnov's table gives 1.36); for n = m = 100, python3 math: 0.19206455826398416.
    expect(ksCritical(100, 100, 0.05)).toBeCloseTo(0.19206455826398416, 9);
  });
});
