import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mysql from "mysql2/promise";
import type { SchemaSnapshot } from "../../probes/schema/types.js";
import type { Observation } from "../../src/types.js";
import { openSession } from "../../probes/database/session.js";
import { collect, compare, find, myCreateDatabase, myDropDatabase, myExec, myUrl, uniqueName } from "./helpers.js";
import { shopSchema, shopSchemaReordered } from "./mysql-fixture.js";

const staging = uniqueName("parity_schema_stg");
const production = uniqueName("parity_schema_prd");
const reordered = uniqueName("parity_schema_ord");
const user = uniqueName("parity_low");
let s: SchemaSnapshot;
let p: SchemaSnapshot;
let observations: Observation[];

beforeAll(async () => {
  await Promise.all([
    myCreateDatabase(staging, shopSchema("staging")),
    myCreateDatabase(production, shopSchema("production")),
    myCreateDatabase(reordered, shopSchemaReordered()),
  ]);
  // A user that may read one table of production and nothing else.
  await myExec(null, `CREATE USER '${user}'@'%' IDENTIFIED BY 'low-pass-42'; GRANT SELECT ON ${production}.accounts TO '${user}'@'%';`);
  [s, p] = await Promise.all([collect(myUrl(staging)), collect(myUrl(production), { side: "production" })]);
  observations = compare(s, p);
});

afterAll(async () => {
  await Promise.all([myDropDatabase(staging), myDropDatabase(production), myDropDatabase(reordered)]);
  await myExec(null, `DROP USER IF EXISTS '${user}'@'%'`);
});

describe("schema probe on MariaDB: one observation per kind of difference", () => {
  it.each([
    ["refunds", "missing-in-staging", "high", /Table \S+\.refunds exists in production but not in staging/],
    ["accounts.closed_at", "missing-in-staging", "high", /Column/],
    ["transactions.amount", "type", "high", /staging decimal\(10,2\), production decimal\(12,2\)/],
    ["customers.name", "nullability", "high", /nullability differs/],
    ["accounts.currency", "default", "medium", /staging 'EUR', production 'USD'/],
    ["accounts.updated_at", "extra", "medium", /staging none, production on update current_timestamp/],
    ["audit_log", "engine", "high", /staging MyISAM, production InnoDB/],
    ["notes", "charset", "high", /staging latin1, production utf8mb4/],
    ["customers.email", "collation", "medium", /production utf8mb4_bin/],
    ["transactions.transactions_pending_idx", "missing-in-staging", "medium", /BTREE \(status, created_at\)/],
    ["customers.customers_email_uq", "missing-in-staging", "high", /UNIQUE BTREE \(email\)/],
    ["transactions.transactions_note_idx", "definition", "medium", /note\(10\).*note\(20\)/],
    ["accounts.accounts_customer_fk", "definition", "high", /ON DELETE CASCADE.*ON DELETE RESTRICT/],
    ["transactions.transactions_amount_nonzero", "missing-in-staging", "high", /CHECK/],
    ["daily_volume", "definition", "high", /View/],
    ["fee(IN amount decimal(12,2))", "definition", "medium", /body differs/],
    ["archive(IN before_day date)", "missing-in-staging", "high", /Procedure/],
    ["transactions_touch", "missing-in-staging", "high", /Trigger/],
  ])("%s %s", (name, aspect, severity, message) => {
    const o = find(observations, `${staging}.${name}`, aspect);
    expect(o.severity).toBe(severity);
    expect(o.message).toMatch(message);
  });

  it("matches objects across databases named per environment, and says so", () => {
    const o = find(observations, `database:${staging}`, "name");
    expect(o.kind).toBe("measurement");
    expect([o.staging, o.production]).toEqual([staging, production]);
  });

  it("reports the global settings, never parity's own session settings", async () => {
    const conn = await mysql.createConnection({ uri: myUrl("test") });
    const [rows] = await conn.query("SELECT @@GLOBAL.sql_mode AS mode, @@GLOBAL.max_statement_time AS mst");
    await conn.end();
    const row = (rows as Array<{ mode: string }>)[0]!;
    expect(s.settings.sql_mode).toBe(row.mode);
    expect(Object.keys(s.settings)).not.toContain("max_statement_time");
    // Both databases live on one server: same settings, no setting observation.
    expect(observations.some((o) => o.aspect === "setting")).toBe(false);
    const strict = { ...p, settings: { ...p.settings, sql_mode: "STRICT_ALL_TABLES" } };
    expect(find(compare(s, strict), "setting:sql_mode", "setting")).toMatchObject({ severity: "high", production: "STRICT_ALL_TABLES" });
  });

  it("finds nothing between a schema and the same schema created in another order with other spellings", async () => {
    const other = await collect(myUrl(reordered), { side: "production" });
    expect(compare(s, other).filter((o) => o.kind !== "measurement")).toEqual([]);
  });

  it("issues a constant number of statements", () => {
    expect(s.statements).toBe(p.statements);
    expect(s.statements).toBeLessThanOrEqual(20);
  });

  it("reports what a low-privilege user cannot see as not visible, never as missing", async () => {
    const low = await collect(myUrl(production, user, "low-pass-42"), { side: "production" });
    expect(low.objects.filter((o) => o.kind === "table").map((o) => o.name)).toEqual([`${production}.accounts`]);
    const seen = compare(s, low);
    expect(seen.filter((o) => o.aspect.startsWith("missing-in-production"))).toEqual([]);
    const hidden = find(seen, `${staging}.transactions`, "not-visible");
    expect(hidden.kind).toBe("measurement");
    expect(hidden.message).toMatch(/cannot see whether it exists in production/);
    expect(find(seen, "visibility:production", "not-visible").message).toMatch(new RegExp(`${user}@% has no database-wide privileges on ${production}`));
    // What it can see is still compared.
    expect(find(seen, `${staging}.accounts.currency`, "default").production).toBe("'USD'");
  });

  it("runs in a read-only transaction: a write through the same session is refused", async () => {
    const session = await openSession(myUrl(staging));
    try {
      await expect(session.query("INSERT INTO notes VALUES (1, 'x')")).rejects.toThrow(/refused to send a INSERT statement: parity only reads from targets/);
    } finally {
      await session.close();
    }
  });

  it("does not wait on a table locked for writing", async () => {
    const locker = await mysql.createConnection({ uri: myUrl(staging) });
    try {
      await locker.query("LOCK TABLES transactions WRITE");
      const started = Date.now();
      const snap = await collect(myUrl(staging), { timeoutMs: 5_000 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(snap.objects.some((o) => o.name === `${staging}.transactions.amount`)).toBe(true);
    } finally {
      await locker.query("UNLOCK TABLES").catch(() => undefined);
      await locker.end();
    }
  });
});
