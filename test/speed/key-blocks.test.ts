import { describe, expect, it } from "vitest";
import { QUANTILE_SALT, SAMPLE_SALT, TARGET_BLOCKS, blockSize, chosenRanges } from "../../probes/data/key-blocks.js";
import type { KeyRange } from "../../probes/data/key-blocks.js";

// MariaDB/MySQL samples are integer-key blocks chosen on the client and read as key ranges.
const keysIn = (ranges: KeyRange[]) => ranges.reduce((n, r) => n + Number(r.hi - r.lo + 1n), 0);
const has = (ranges: KeyRange[], key: bigint) => ranges.some((r) => r.lo <= key && key <= r.hi);

describe("key-block samples", () => {
  const min = 1n;
  const max = 5_000_000n;
  const modulus = 100;
  const size = blockSize(max - min + 1n, modulus * TARGET_BLOCKS);
  const ranges = chosenRanges(min, max, size, [{ modulus, salt: SAMPLE_SALT }]);

  it("read about 1 key in `modulus`, in a few hundred ranges of whole blocks", () => {
    expect(keysIn(ranges) / 5_000_000).toBeGreaterThan(0.008);
    expect(keysIn(ranges) / 5_000_000).toBeLessThan(0.012);
    // TARGET_BLOCKS to twice as many blocks are chosen; neighbours merge into one range.
    expect(ranges.length).toBeGreaterThan(TARGET_BLOCKS * 0.8);
    expect(ranges.length).toBeLessThanOrEqual(TARGET_BLOCKS * 2);
    for (const r of ranges) expect((r.hi - r.lo + 1n) % size).toBe(0n);
  });

  it("choose the same keys every run, and whatever else the table holds", () => {
    expect(chosenRanges(min, max, size, [{ modulus, salt: SAMPLE_SALT }])).toEqual(ranges);
    // A table holding only keys 2,000,001–3,000,000 (same block size and modulus): the same keys in that span.
    const part = chosenRanges(2_000_001n, 3_000_000n, size, [{ modulus, salt: SAMPLE_SALT }]);
    for (const key of [2_000_001n, 2_345_678n, 2_500_000n, 2_999_999n, ...part.map((r) => r.lo)]) expect(has(part, key)).toBe(has(ranges, key));
  });

  it("take the percentiles' subsample inside the sample, in finer blocks of their own", () => {
    const fine = blockSize(max - min + 1n, modulus * 4 * TARGET_BLOCKS);
    const sub = chosenRanges(min, max, fine, [
      { modulus, salt: SAMPLE_SALT, ratio: Number(size / fine) },
      { modulus: 4, salt: QUANTILE_SALT },
    ]);
    for (const r of sub) expect(has(ranges, r.lo) && has(ranges, r.hi)).toBe(true);
    expect(keysIn(sub) / keysIn(ranges)).toBeGreaterThan(0.15);
    expect(keysIn(sub) / keysIn(ranges)).toBeLessThan(0.35);
  });

  it("cut keys beyond 2^53 (snowflake-style ids) exactly", () => {
    const low = 2n ** 62n;
    const high = low + 10_000_000n;
    const sized = blockSize(high - low + 1n, modulus * TARGET_BLOCKS);
    const big = chosenRanges(low, high, sized, [{ modulus, salt: SAMPLE_SALT }]);
    expect(keysIn(big) / 10_000_001).toBeGreaterThan(0.006);
    expect(keysIn(big) / 10_000_001).toBeLessThan(0.014);
    for (const r of big) {
      expect(r.lo).toBeGreaterThanOrEqual(low);
      expect(r.hi).toBeLessThanOrEqual(high);
    }
  });
});
