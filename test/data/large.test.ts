import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import type { DataProfile } from "../../probes/data/types.js";
import { createTableSql } from "./generate.js";
import type { Dialect } from "./generate.js";
import { scratchDb } from "./servers.js";
import type { ScratchDb } from "./servers.js";
import { aboutTheData, collectContext, compareContext, env, options } from "./context.js";

// Past 200,000 rows the profile changes strategy: hash-bucket distinct counts, percentiles from a
// key-hash subsample, and `sample: auto` reading a sample. The answers must stay right.
for (const dialect of ["postgres", "mysql"] as const satisfies readonly Dialect[]) {
  describe(`large tables on ${dialect === "postgres" ? "PostgreSQL" : "MariaDB"}`, () => {
    let db: ScratchDb;
    let full: DataProfile;
    let auto: DataProfile;
    let twin: DataProfile;
    const collect = async (name: string, sample: "auto" | "full") => {
      const p = await dataProbe.collect(env("x", db.url), collectContext(options({ tables: [{ name, timestampColumn: "created_at" }], sample }), "production", 120_000));
      p.tables[0].name = "tx";
      return p;
    };

    beforeAll(async () => {
      db = await scratchDb(dialect);
      for (const sql of [
        ...createTableSql(dialect, { name: "big_tx", rows: 400_000, nullStatus: 0.03 }),
        ...createTableSql(dialect, { name: "twin_tx", rows: 8_000, firstRow: 1_000_001, nullStatus: 0.03 }),
      ]) await db.exec(sql);
      [full, auto, twin] = [await collect("big_tx", "full"), await collect("big_tx", "auto"), await collect("twin_tx", "full")];
    }, 180_000);
    afterAll(async () => db?.drop());

    it("estimates distinct counts and subsamples percentiles on a full profile", () => {
      const t = full.tables[0];
      expect(t.rows).toBe(400_000);
      const amount = t.columns.find((c) => c.name === "amount")!;
      expect(amount.distinctExact).toBe(false);
      // Exact: 24,837 distinct amounts (SELECT count(DISTINCT amount) over the same 400,000 generated rows).
      expect(Math.abs(amount.distinct! / 24_837 - 1)).toBeLessThan(0.15);
      // About 100,000 rows: 1 in round(estimated rows ÷ 100,000), and the catalog only estimates.
      expect(amount.quantileRows).toBeGreaterThan(65_000);
      expect(amount.quantileRows).toBeLessThan(140_000);
    });

    it("samples with sample: auto and stays within half a point of the full null rate", () => {
      const t = auto.tables[0];
      expect(t.sample.method).toBe(dialect === "postgres" ? "system" : "keyblocks");
      expect(t.sample.rows).toBeLessThan(200_000);
      const rate = (p: DataProfile) => p.tables[0].columns.find((c) => c.name === "status")!.nulls / p.tables[0].sample.rows;
      expect(Math.abs(rate(auto) - rate(full))).toBeLessThan(0.005);
      expect(t.newest).toBe(full.tables[0].newest);
    });

    it("finds nothing between the sampled and the full profile, or a twin at 1/50", () => {
      const opts = options({ tables: [{ name: "tx", timestampColumn: "created_at", expectedRatio: 1 }] });
      expect(dataProbe.compare(auto, full, compareContext(opts)).filter(aboutTheData)).toEqual([]);
      const twinOpts = options({ tables: [{ name: "tx", timestampColumn: "created_at", expectedRatio: 0.02 }] });
      expect(dataProbe.compare(twin, full, compareContext(twinOpts)).filter(aboutTheData)).toEqual([]);
    });
  });
}
