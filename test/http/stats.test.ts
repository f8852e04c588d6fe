import { describe, expect, it } from "vitest";
import { bucketCounts, fisherExact, halfSpread, logBounds, minSamplesFor, quantile, quantileInterval } from "../../probes/latency/stats.js";

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe("latency statistics", () => {
  it("knows how many samples each percentile's 95% interval needs", () => {
    expect([minSamplesFor(0.5), minSamplesFor(0.95), minSamplesFor(0.99)]).toEqual([6, 72, 368]);
    expect(quantileInterval(range(5), 0.5)).toBeNull();
    expect(quantileInterval(range(6), 0.5)).toEqual({ low: 1, high: 6 });
    expect(quantileInterval(range(71), 0.95)).toBeNull();
    expect(quantileInterval(range(72), 0.95)).not.toBeNull();
    expect(quantileInterval(range(367), 0.99)).toBeNull();
    expect(quantileInterval(range(368), 0.99)).not.toBeNull();
  });

  it("gives the textbook order-statistic interval for the median of 100", () => {
    // Ranks 40 and 61 (1-based): the classic distribution-free 95% interval for n = 100.
    expect(quantileInterval(range(100), 0.5)).toEqual({ low: 40, high: 61 });
    expect(quantile(range(100), 0.95)).toBe(95);
  });

  it("computes Fisher's exact test", () => {
    expect(fisherExact(0, 100, 6, 100)).toBeCloseTo(0.0290, 3);
    expect(fisherExact(3, 10, 3, 10)).toBe(1);
  });

  it("measures a side's disagreement with itself over interleaved halves", () => {
    expect(halfSpread([1, 1, 2, 2, 3, 3, 4, 4], 0.5)).toBe(0);
    expect(halfSpread([1, 10, 1, 10, 1, 10], 0.5)).toBe(9);
  });

  it("buckets values on log-spaced bounds, ten per decade", () => {
    const bounds = logBounds(0.9, 11);
    expect(bounds[0]).toBeLessThanOrEqual(0.9);
    expect(bounds[bounds.length - 1]).toBeGreaterThanOrEqual(11);
    expect(bounds).toContain(1);
    expect(bounds).toContain(10);
    const counts = bucketCounts([0.95, 1, 5, 11], bounds);
    expect(counts.reduce((n, [, c]) => n + c, 0)).toBe(4);
    expect(counts.find(([b]) => b === 1)?.[1]).toBe(2);
  });
});
