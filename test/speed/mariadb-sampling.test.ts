import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../probes/database/session.js";
import type { DatabaseSession } from "../../probes/database/session.js";
import { mysqlProfiler } from "../../probes/data/mysql.js";
import { profileTable } from "../../probes/data/profile.js";
import { options } from "../data/context.js";
import { createTableSql } from "../data/generate.js";
import { scratchDb } from "../data/servers.js";
import type { ScratchDb } from "../data/servers.js";

// MariaDB has no TABLESAMPLE. A sample used to be `WHERE CRC32(id) % N = 0`, which the server
// tests on every row: a 1% sample cost a full scan per statement. Now the sample's key blocks are
// read as primary-key ranges; the server's own row counters (Handler_read_*) show what it reads.
const ROWS = 300_000;
let db: ScratchDb;
let explain: mysql.Connection;

/** Profiles the table on a real session, returning the profile and every statement it sent. */
async function profile(sample: "auto" | "full"): Promise<{ rows: number; method: string; statements: string[] }> {
  const real = await openSession(db.url, { statementTimeoutMs: 60_000 });
  const statements: string[] = [];
  const session: DatabaseSession = {
    dialect: real.dialect,
    serverVersion: real.serverVersion,
    get statements() {
      return real.statements;
    },
    query: (sql, params) => {
      statements.push(sql);
      return real.query(sql, params);
    },
    close: () => real.close(),
  };
  try {
    const opts = options({ tables: [{ name: "big_tx", timestampColumn: "created_at" }], sample });
    const catalog = await mysqlProfiler.catalog(session, ["big_tx"]);
    const t = await profileTable(session, mysqlProfiler, opts, opts.tables[0]!, catalog.get("big_tx"), { current: "" });
    return { rows: t.sample.rows, method: t.sample.method, statements };
  } finally {
    await session.close();
  }
}

/**
 * How a statement reads big_tx: whether the server's plan scans it whole, and how many of its
 * rows it read through the primary key (the session's Handler_read_next counter; the GROUP BY's
 * and window functions' temporary tables count under the other Handler_read counters).
 */
async function reading(sql: string): Promise<{ scansWholeTable: boolean; rowsByKey: number }> {
  const [plan] = await explain.query(`EXPLAIN ${sql}`);
  const row = (plan as Array<{ table: string; type: string; Extra: string | null }>).find((r) => r.table === "big_tx")!;
  await explain.query("FLUSH STATUS");
  await explain.query(sql);
  const [status] = await explain.query("SHOW SESSION STATUS LIKE 'Handler_read%'");
  const counter = (name: string) => Number((status as Array<{ Variable_name: string; Value: string }>).find((r) => r.Variable_name === name)?.Value ?? 0);
  return { scansWholeTable: row.type === "ALL" && !/Range checked for each record/.test(row.Extra ?? ""), rowsByKey: counter("Handler_read_next") };
}

// Statements that read the table's rows (not the key's MIN/MAX or the newest timestamp, which an index answers).
const readsRows = (sql: string) => /`big_tx`/.test(sql) && !/MIN\(`id`\) AS lo, MAX\(`id`\) AS hi/.test(sql) && !/MAX\(`created_at`\)\) AS v FROM/.test(sql);

beforeAll(async () => {
  db = await scratchDb("mysql", "parity_speed");
  for (const sql of createTableSql("mysql", { name: "big_tx", rows: ROWS, nullStatus: 0.03 })) await db.exec(sql);
  explain = await mysql.createConnection({ uri: db.url });
}, 180_000);
afterAll(async () => {
  await explain?.end();
  await db?.drop();
});

describe("a sampled profile on MariaDB", () => {
  it("reads only the sampled rows: no statement scans the table, each reads it by key ranges", async () => {
    const run = await profile("auto");
    expect(run.method).toBe("keyblocks");
    expect(run.rows).toBeGreaterThan(35_000);
    expect(run.rows).toBeLessThan(70_000);
    const reads = run.statements.filter(readsRows);
    expect(reads.length).toBeGreaterThanOrEqual(3); // the wide aggregate, the percentiles, the categories
    for (const sql of reads) {
      const how = await reading(sql);
      expect(how.scansWholeTable, sql.slice(0, 120)).toBe(false);
      expect(how.rowsByKey).toBeLessThan(ROWS * 0.3);
    }
  });

  it("a full profile reads every row once for the aggregates, and its percentiles from key ranges", async () => {
    const run = await profile("full");
    expect(run.rows).toBe(ROWS);
    const percentiles = run.statements.filter((sql) => sql.includes("ROW_NUMBER()"));
    expect(percentiles).toHaveLength(1); // one statement for amount and created_at together
    // A subsample of about 100,000 rows (1 in 3 here), read as ranges, not a scan of 300,000.
    const how = await reading(percentiles[0]!);
    expect(how.scansWholeTable).toBe(false);
    expect(how.rowsByKey).toBeLessThan(ROWS * 0.6);
  });
});
