import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import type { DataProfile } from "../../probes/data/types.js";
import { aboutTheData, collectContext, compareContext, env, options } from "./context.js";
import { scratchDb } from "./servers.js";
import type { ScratchDb } from "./servers.js";

/**
 * A nondeterministic (case-insensitive) ICU collation makes PostgreSQL's GROUP BY fold 'EUR' and
 * 'eur' into one group named after whichever row it reads first, as MariaDB's _ci collations do
 * (test/data/mariadb-collation.test.ts). Both sides hold the same values — 150 'EUR', 50 'eur' —
 * stored in the opposite order: a profile that groups by the collation names the category
 * differently on each side and reports a category only one side has. One table has a single
 * categorical column (its own GROUP BY … LIMIT), the other two (one joint GROUP BY).
 */
describe("data probe on PostgreSQL: categories are the values as stored, whatever the collation", () => {
  let db: ScratchDb;
  const profiles = new Map<string, DataProfile>();
  const opts = (name: string) => options({ tables: [{ name, expectedRatio: 1 }], showValues: ["*.currency", "*.status"] });
  const currencies = (profile: DataProfile, table: string) =>
    profile.tables.find((t) => t.name === table)!.columns.find((c) => c.name === "currency")!;

  beforeAll(async () => {
    db = await scratchDb("postgres", "parity_pg_collation");
    await db.exec(`CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`);
    for (const [side, first, second] of [["staging", "EUR", "eur"], ["production", "eur", "EUR"]] as const) {
      const counts = first === "EUR" ? [150, 50] : [50, 150];
      const value = (i: number) => `'${i < counts[0]! ? first : second}'`;
      await db.exec(`CREATE TABLE ${side}_alone (id bigint PRIMARY KEY, currency text COLLATE case_insensitive NOT NULL)`);
      await db.exec(`INSERT INTO ${side}_alone VALUES ${Array.from({ length: 200 }, (_, i) => `(${i + 1}, ${value(i)})`).join(", ")}`);
      await db.exec(`CREATE TABLE ${side}_joint (id bigint PRIMARY KEY, currency varchar(3) COLLATE case_insensitive NOT NULL, status text NOT NULL)`);
      await db.exec(`INSERT INTO ${side}_joint VALUES ${Array.from({ length: 200 }, (_, i) => `(${i + 1}, ${value(i)}, '${i % 2 ? "settled" : "pending"}')`).join(", ")}`);
    }
    for (const side of ["staging", "production"] as const) {
      const profile = await dataProbe.collect(
        env(side, db.url),
        collectContext(options({ tables: [`${side}_alone`, `${side}_joint`].map((name) => ({ name, expectedRatio: 1 })), showValues: ["*.currency", "*.status"] }), side),
      );
      for (const t of profile.tables) t.name = t.name.replace(`${side}_`, "");
      profiles.set(side, profile);
    }
  });
  afterAll(async () => db?.drop());

  it("lists 'EUR' and 'eur' as two categories with their own counts on both sides", () => {
    for (const side of ["staging", "production"]) {
      for (const table of ["alone", "joint"]) {
        const currency = currencies(profiles.get(side)!, table);
        expect(currency.distinct, `${side} ${table}`).toBe(2);
        expect(currency.categories?.top.map((c) => [c.value, c.count]), `${side} ${table}`).toEqual([
          ["EUR", 150],
          ["eur", 50],
        ]);
      }
    }
  });

  it("finds no difference between the same values stored in another order", () => {
    const found = dataProbe.compare(profiles.get("staging")!, profiles.get("production")!, compareContext(opts("alone"))).filter(aboutTheData);
    expect(found.map((o) => o.message)).toEqual([]);
  });
});
