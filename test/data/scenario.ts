import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import type { DataProfile } from "../../probes/data/types.js";
import { ProbeError } from "../../src/errors.js";
import { createTableSql } from "./generate.js";
import type { Dialect } from "./generate.js";
import { scratchDb } from "./servers.js";
import type { ScratchDb } from "./servers.js";
import { aboutTheData, collectContext, compareContext, env, options } from "./context.js";

/**
 * The same story on each real server: production (50,000 rows, 3% NULL status, five transaction
 * types over a year), a twin drawn like it at 1/50, and a staging copy that is stale, lacks
 * chargebacks and NULLs, and whose amounts are shifted.
 */
export function serverSuite(dialect: Dialect): void {
  describe(`data probe on ${dialect === "postgres" ? "PostgreSQL" : "MariaDB"}`, () => {
    let db: ScratchDb;
    const profiles = new Map<string, DataProfile>();
    const table = (name: string, extra: Record<string, unknown> = {}) => ({ name, timestampColumn: "created_at", expectedRatio: 0.02, ...extra });

    /** Profiles `source` as side `side`, under the common name "tx" so the two sides line up. */
    async function profile(source: string, side: "staging" | "production", extra: Record<string, unknown> = {}) {
      const opts = options({ tables: [table(source)], ...extra });
      const p = await dataProbe.collect(env(side, db.url), collectContext(opts, side));
      p.tables[0].name = "tx";
      return p;
    }
    const compare = (s: DataProfile, p: DataProfile, extra: Record<string, unknown> = {}) =>
      dataProbe.compare(s, p, compareContext(options({ tables: [table("tx")], ...extra }))).filter(aboutTheData);

    beforeAll(async () => {
      db = await scratchDb(dialect);
      const specs = [
        { name: "prod_tx", rows: 50_000, nullStatus: 0.03 },
        { name: "twin_tx", rows: 1_000, firstRow: 1_000_001, nullStatus: 0.03 },
        { name: "stale_tx", rows: 2_000, firstRow: 2_000_001, withoutTypes: ["chargeback"], newest: "2026-08-22 00:00:00", amountShift: 30 },
        // More twins from other row ranges: one lucky twin would prove little about false alarms.
        ...[1, 2, 3, 4, 5].map((k) => ({ name: `twin${k}_tx`, rows: 1_000, firstRow: 4_000_001 + k * 10_000, nullStatus: 0.03 })),
      ];
      for (const spec of specs) for (const sql of createTableSql(dialect, spec)) await db.exec(sql);
      profiles.set("prod", await profile("prod_tx", "production"));
      profiles.set("twin", await profile("twin_tx", "staging"));
      profiles.set("stale", await profile("stale_tx", "staging"));
    });
    afterAll(async () => db?.drop());

    it("profiles a table in one wide aggregate plus one GROUP BY for its categorical columns together", () => {
      const t = profiles.get("prod")!.tables[0];
      expect(t.rows).toBe(50_000);
      expect(t.rowsExact).toBe(true);
      const byName = Object.fromEntries(t.columns.map((c) => [c.name, c]));
      expect(byName.status.nulls / t.rows).toBeCloseTo(0.03, 2);
      expect(byName.type.categories?.top.map((c) => c.count).reduce((a, b) => a + b, 0)).toBe(50_000);
      expect(byName.type.distinct).toBe(5);
      // The primary key's distinct count is its row count, exact, with no count(DISTINCT).
      expect(byName.id).toMatchObject({ distinct: 50_000, distinctExact: true });
      expect(byName.amount.quantiles).toHaveLength(101);
      expect(t.newest).toBeGreaterThan(Date.parse("2026-11-19T00:00:00Z") / 1000);
      // PostgreSQL: wide (with percentiles) + one GROUP BY for type and status together.
      // MariaDB: wide + one percentile statement for amount and created_at + the same GROUP BY.
      expect(t.statements).toBe(dialect === "postgres" ? 2 : 3);
      expect(byName.status.categories?.top.map((c) => c.count).reduce((a, b) => a + b, 0)).toBe(50_000 - byName.status.nulls);
    });

    it("keeps masked category values out of the snapshot", () => {
      const json = JSON.stringify(profiles.get("prod"));
      expect(json).not.toContain("chargeback");
      expect(json).not.toContain("settled");
    });

    it("finds nothing between production and a same-distribution twin at 1/50", () => {
      expect(compare(profiles.get("twin")!, profiles.get("prod")!)).toEqual([]);
    });

    it("finds nothing for five more twins drawn from other rows", async () => {
      for (const k of [1, 2, 3, 4, 5]) {
        const twin = await profile(`twin${k}_tx`, "staging");
        expect(compare(twin, profiles.get("prod")!), `twin${k}_tx`).toEqual([]);
      }
    });

    it("reports the stale, incomplete staging copy in words and numbers", async () => {
      const found = compare(profiles.get("stale")!, profiles.get("prod")!);
      const by = (subject: string, aspect: string) => found.filter((o) => o.subject === subject && o.aspect === aspect);

      const [nulls] = by("tx.status", "nulls");
      expect(nulls.severity).toBe("high");
      expect(nulls.message).toMatch(/^production has NULL `status` in 2\.\d% of rows; staging has none in 2,000 rows — a chance of < 10⁻²[⁰¹²³⁴⁵⁶⁷⁸⁹]$/);

      const [missing] = by("tx.type", "categories").filter((o) => o.message.includes("never shows"));
      expect(missing.severity).toBe("medium");
      expect(missing.message).toMatch(/^production has type value #[0-9a-f]{12} \(4\.\d%\) that staging never shows in 2,000 rows/);

      const [fresh] = by("tx.created_at", "freshness");
      expect(fresh.severity).toBe("high");
      expect(fresh.message).toMatch(/9[01] days older than production's/);

      const [shift] = by("tx.amount", "distribution");
      expect(shift.message).toMatch(/^amount differs between staging and production: PSI \d/);
      expect((shift.production as { psi: number }).psi).toBeGreaterThan(1);

      const [volume] = by("tx", "volume");
      expect(volume.message).toContain("staging has 2,000 rows");
    });

    it("shows category values listed in showValues", async () => {
      const s = await profile("stale_tx", "staging", { showValues: ["*.type"] });
      const p = await profile("prod_tx", "production", { showValues: ["*.type"] });
      const found = compare(s, p).filter((o) => o.aspect === "categories" && o.message.includes("never shows"));
      expect(found.map((o) => o.message)).toEqual([expect.stringContaining("production has type value 'chargeback' (4.0%)")]);
    });

    it("samples deterministically and keeps null rates close", async () => {
      const a = await profile("prod_tx", "production", { sample: 10 });
      const b = await profile("prod_tx", "production", { sample: 10 });
      const t = a.tables[0];
      expect(t.sample.method).toBe(dialect === "postgres" ? "bernoulli" : "keyblocks");
      expect(t.sample.rows).toBeGreaterThan(4_000);
      expect(t.sample.rows).toBeLessThan(6_000);
      expect(b.tables[0].sample.rows).toBe(t.sample.rows);
      const status = t.columns.find((c) => c.name === "status")!;
      expect(Math.abs(status.nulls / t.sample.rows - 0.03)).toBeLessThan(0.01);
      // Newest is read from the whole table, not the sample.
      expect(t.newest).toBe(profiles.get("prod")!.tables[0].newest);
    });

    it("turns a statement timeout mid-profile into a clear probe error", async () => {
      // A where may not sleep (it is refused), but it may be costly: 300 nested md5() calls per row
      // over 50,000 rows take far more than 3 s, while the catalog query (slow on a busy MariaDB
      // with many throw-away databases) has room to.
      const chain = (k: number) => `${"md5(".repeat(30)}type${")".repeat(30)} <> 'x${k}'`;
      const costly = Array.from({ length: 10 }, (_, k) => chain(k)).join(" AND ");
      const opts = options({ tables: [{ name: "prod_tx", where: costly }], statementTimeoutMs: 3_000 });
      const run = dataProbe.collect(env("production", db.url), collectContext(opts, "production"));
      await expect(run).rejects.toThrow(ProbeError);
      await expect(run).rejects.toThrow(/^statement timeout \(3000 ms\) hit while running the profile query of prod_tx; raise the probe's timeoutMs/);
    });

    it("reports a table that staging lacks", async () => {
      const s = await profile("no_such_table", "staging");
      expect(s.tables[0].exists).toBe(false);
      const found = compare(s, profiles.get("prod")!);
      expect(found).toEqual([expect.objectContaining({ subject: "tx", aspect: "volume", severity: "high", message: "table tx does not exist in staging" })]);
    });
  });
}
