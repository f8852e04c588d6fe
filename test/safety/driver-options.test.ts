import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openSession } from "../../probes/database/session.js";
import { canaryDb, type CanaryDb } from "./servers.js";

/**
 * Options in the database URL must not switch off what keeps a session read-only: parity's own
 * safety options are applied after the URL's. Asserted by the server's evidence: the canary table
 * and its three rows are still there.
 */
describe("MariaDB: URL options cannot re-enable multi-statements", () => {
  let db: CanaryDb;
  beforeAll(async () => {
    db = await canaryDb("mariadb");
  });
  beforeEach(async () => {
    await db.reset();
  });
  afterAll(async () => {
    await db.drop();
  });

  it.each([
    ["multipleStatements=true"],
    ["flags=MULTI_STATEMENTS"],
    ["flags=%2BMULTI_STATEMENTS,LOCAL_FILES"],
    ["multipleStatements=true&flags=MULTI_STATEMENTS"],
  ])("?%s: a smuggled DROP after a read never runs", async (query) => {
    const session = await openSession(db.url(query));
    try {
      await expect(session.query("SELECT 1 FROM DUAL WHERE (1=1); DROP TABLE canary; SELECT 1 FROM DUAL WHERE (1)")).rejects.toThrow(/SQL syntax/);
    } finally {
      await session.close();
    }
    expect(await db.canaryRows()).toBe(3);
  });

  it("a data probe's where with a sub-statement leaves the canary table and its rows", async () => {
    const { dataProbe } = await import("../../probes/data/index.js");
    const { collectContext, env, options } = await import("../data/context.js");
    // Options as collect would get them if the map's validation were bypassed (a snapshot of
    // options, an older map loader): collect-time checks still refuse it.
    const opts = { ...options({ tables: [{ name: "canary" }] }) };
    opts.tables = [{ name: "canary", where: "1=1); DROP TABLE canary; SELECT 1 FROM DUAL WHERE (1" }];
    await expect(dataProbe.collect(env("staging", db.url("multipleStatements=true")), collectContext(opts, "staging"))).rejects.toThrow();
    expect(await db.canaryRows()).toBe(3);
  });
});

describe("PostgreSQL: URL options cannot loosen the session", () => {
  let db: CanaryDb;
  beforeAll(async () => {
    db = await canaryDb("postgres");
  });
  beforeEach(async () => {
    await db.reset();
  });
  afterAll(async () => {
    await db.drop();
  });

  it.each([
    ["options=-c%20statement_timeout%3D0", "statement_timeout", "30s"],
    ["options=-c%20default_transaction_read_only%3Doff%20-c%20transaction_read_only%3Doff", "transaction_read_only", "on"],
    ["statement_timeout=0&lock_timeout=0", "lock_timeout", "5s"],
  ])("?%s: %s is still %s inside the session", async (query, setting, expected) => {
    const session = await openSession(db.url(query));
    try {
      const [row] = await session.query<{ v: string }>(`SELECT current_setting('${setting}') AS v`);
      expect(row!.v).toBe(expected);
    } finally {
      await session.close();
    }
  });

  it("?options= cannot set session parameters that outlive the transaction (search_path stays the database's)", async () => {
    const session = await openSession(db.url("options=-c%20search_path%3Dnowhere"));
    try {
      const [row] = await session.query<{ v: string }>("SELECT current_setting('search_path') AS v");
      expect(row!.v).toBe('"$user", public');
    } finally {
      await session.close();
    }
  });

  it("?replication=database does not open a replication connection", async () => {
    const session = await openSession(db.url("replication=database"));
    try {
      // A walsender backend has backend_type 'walsender'; parity's session is a plain client backend.
      const [row] = await session.query<{ t: string }>("SELECT backend_type AS t FROM pg_stat_activity WHERE pid = pg_backend_pid()");
      expect(row!.t).toBe("client backend");
    } finally {
      await session.close();
    }
    expect(await db.canaryRows()).toBe(3);
  });
});
