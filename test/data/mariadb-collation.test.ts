import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../probes/database/session.js";
import { mysqlProfiler } from "../../probes/data/mysql.js";
import { profileTable } from "../../probes/data/profile.js";
import { dataProbe } from "../../probes/data/index.js";
import type { DataProfile } from "../../probes/data/types.js";
import { aboutTheData, collectContext, compareContext, env, options } from "./context.js";
import { scratchDb } from "./servers.js";
import type { ScratchDb } from "./servers.js";

/**
 * MariaDB's default collation (utf8mb4_general_ci) folds 'EUR' and 'eur' into one GROUP BY group
 * named after whichever row it reads first. Both tables hold the same values — 150 'EUR', 50 'eur'
 * — stored in the opposite order: a profile that groups by the collation names the category
 * differently on each side and reports a category only one side has.
 */
describe("data probe on MariaDB: categories are the values as stored, whatever the collation", () => {
  let db: ScratchDb;
  const profiles = new Map<string, DataProfile>();
  const opts = (name: string) => options({ tables: [{ name, expectedRatio: 1 }], showValues: ["*.currency"] });

  beforeAll(async () => {
    db = await scratchDb("mysql", "parity_collation");
    for (const [name, first, second] of [["upper_first", "EUR", "eur"], ["lower_first", "eur", "EUR"]] as const) {
      await db.exec(`CREATE TABLE ${name} (id bigint PRIMARY KEY, currency varchar(3) NOT NULL) DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_general_ci`);
      const counts = first === "EUR" ? [150, 50] : [50, 150];
      const rows = Array.from({ length: 200 }, (_, i) => `(${i + 1}, '${i < counts[0]! ? first : second}')`);
      await db.exec(`INSERT INTO ${name} VALUES ${rows.join(", ")}`);
    }
    for (const [name, side] of [["upper_first", "staging"], ["lower_first", "production"]] as const) {
      const profile = await dataProbe.collect(env(side, db.url), collectContext(opts(name), side));
      profile.tables[0]!.name = "tx";
      profiles.set(side, profile);
    }
  });
  afterAll(async () => db?.drop());

  it("lists 'EUR' and 'eur' as two categories with their own counts on both sides", () => {
    for (const side of ["staging", "production"]) {
      const currency = profiles.get(side)!.tables[0]!.columns.find((c) => c.name === "currency")!;
      expect(currency.distinct).toBe(2);
      expect(currency.categories?.top.map((c) => [c.value, c.count])).toEqual([
        ["EUR", 150],
        ["eur", 50],
      ]);
    }
  });

  it("finds no difference between the same values stored in another order", () => {
    const found = dataProbe.compare(profiles.get("staging")!, profiles.get("production")!, compareContext(opts("tx"))).filter(aboutTheData);
    expect(found.map((o) => o.message)).toEqual([]);
  });

  it("profiles the same on a server whose sql_mode has ONLY_FULL_GROUP_BY (MySQL's default)", async () => {
    // The server's default, as MySQL 5.7+ ships it, set on the profile's own session.
    const session = await openSession(db.url);
    try {
      await session.query("SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'");
      const catalog = await mysqlProfiler.catalog(session, ["upper_first"]);
      const table = await profileTable(session, mysqlProfiler, opts("upper_first"), opts("upper_first").tables[0]!, catalog.get("upper_first"), { current: "" });
      expect(table.columns.find((c) => c.name === "currency")?.categories?.top.map((c) => [c.value, c.count])).toEqual([
        ["EUR", 150],
        ["eur", 50],
      ]);
    } finally {
      await session.close();
    }
  });
});
