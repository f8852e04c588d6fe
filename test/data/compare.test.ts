import { describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import { nulls } from "../../probes/data/compare.js";
import type { ColumnProfile, DataProfile, TableProfile } from "../../probes/data/types.js";
import { valueHash } from "../../probes/data/plan.js";
import { compareContext, options } from "./context.js";

// Pure comparisons on hand-built profiles: no server needed, every number chosen by hand.

function profile(rows: number, columns: ColumnProfile[], extra: Partial<TableProfile> = {}): DataProfile {
  return {
    format: "parity.data-profile", version: 1, dialect: "postgres", serverVersion: "15", collectedAt: "2026-11-26T00:00:00Z",
    tables: [{ name: "t", exists: true, rows, rowsExact: true, sample: { method: "full", percent: 100, rows }, columns, missingColumns: [], durationMs: 1, statements: 2, ...extra }],
  };
}
const text = (name: string, counts: Record<string, number>, nullCount = 0): ColumnProfile => ({
  name, type: "text", kind: "text", nulls: nullCount, distinct: Object.keys(counts).length, distinctExact: true,
  categories: { top: Object.entries(counts).map(([value, count]) => ({ value, hash: valueHash(value), count })), other: 0, complete: true, masked: false },
});
const run = (s: DataProfile, p: DataProfile, table: Record<string, unknown> = {}) =>
  dataProbe.compare(s, p, compareContext(options({ tables: [{ name: "t", ...table }] })));

describe("nulls", () => {
  it("words the issue's example: 3% NULL in production, none in 1,000 staging rows", () => {
    const [o] = nulls("t.status", 0, 1_000, 300, 10_000);
    expect(o.message).toBe("production has NULL `status` in 3.0% of rows; staging has none in 1,000 rows — a chance of < 10⁻¹³");
    expect(o.staging).toEqual({ nulls: 0, rows: 1_000, rate: 0 });
  });
  it("stays quiet when absence is plausible: 0.1% NULL, 1,000 staging rows (chance 37%)", () => {
    expect(nulls("t.status", 0, 1_000, 10, 10_000)).toEqual([]);
  });
  it("reports NULLs that only staging has", () => {
    const [o] = nulls("t.note", 50, 1_000, 0, 100_000);
    expect(o.severity).toBe("low");
    expect(o.message).toMatch(/^staging has NULL `note` in 5\.0% of rows; production has none in 100,000 rows/);
  });
  it("compares null rates present on both sides beyond noise only", () => {
    expect(nulls("t.x", 31, 1_000, 3_000, 100_000)).toEqual([]);
    const [o] = nulls("t.x", 200, 1_000, 3_000, 100_000);
    expect(o.message).toMatch(/^`x` is NULL in 20\.0% of staging rows and 3\.0% of production rows/);
  });
});

describe("volume", () => {
  const col = text("c", { a: 1 });
  it("says nothing when the ratio is as declared", () => {
    expect(run(profile(1_100, [col]), profile(50_000, [col]), { expectedRatio: 0.02 })).toEqual([]);
  });
  it("flags a ratio far from the declared one", () => {
    const [o] = run(profile(20, [col]), profile(50_000, [col]), { expectedRatio: 0.02 });
    expect(o).toMatchObject({ aspect: "volume", severity: "high", staging: 20, production: 50_000 });
    expect(o.message).toBe("t: staging has 20 rows, 0.0004× production's 50,000 — 50× fewer than the declared 0.02");
  });
  it("states the ratio as information when none is declared", () => {
    const [o] = run(profile(10, [col]), profile(100, [col]));
    expect(o.kind).toBe("measurement");
  });
});

describe("categories", () => {
  it("needs a share common enough that its absence is not luck", () => {
    // 0.1% of production absent from 200 staging rows happens 82% of the time by chance.
    const p = profile(100_000, [text("kind", { a: 60_000, b: 39_900, rare: 100 })]);
    const s = profile(200, [text("kind", { a: 121, b: 79 })]);
    expect(run(s, p, { expectedRatio: 0.002 })).toEqual([]);
  });
  it("reports values only staging has, and masks hashes when values are hidden", () => {
    const p = profile(10_000, [text("kind", { a: 6_000, b: 4_000 })]);
    const s = profile(1_000, [text("kind", { a: 550, b: 350, test: 100 })]);
    const found = run(s, p, { expectedRatio: 0.1 }).filter((o) => o.message.includes("never shows"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "low", staging: { onlyHere: [{ value: "test", hash: valueHash("test"), count: 100, share: 0.1 }] } });
    expect(found[0].message).toMatch(/^staging has kind value 'test' \(10\.0%\) that production never shows in 10,000 rows — a chance of < 10⁻/);
  });
  it("does not conclude absence from a truncated top list", () => {
    const p = profile(10_000, [text("kind", { a: 6_000, b: 4_000 })]);
    const s = profile(1_000, [{ ...text("kind", { a: 1_000 }), categories: { ...text("kind", { a: 1_000 }).categories!, complete: false } }]);
    expect(run(s, p, { expectedRatio: 0.1 }).filter((o) => o.message.includes("never shows"))).toEqual([]);
  });
});

describe("snapshots", () => {
  it("refuses something that is not a data profile", () => {
    const p = profile(1, []);
    expect(() => run({ ...p, version: 2 } as unknown as DataProfile, p)).toThrow(/the staging snapshot is not a version-1 data profile/);
  });
});
