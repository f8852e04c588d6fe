import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import mysql from "mysql2/promise";
import { openSession } from "../../probes/database/session.js";

const PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const MY_ADMIN = "mysql://root@127.0.0.1:3306/test";
const name = `parity_guard_${process.pid}`;

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const my = await mysql.createConnection({ uri: MY_ADMIN });
  await my.query(`DROP DATABASE IF EXISTS ${name}`);
  await my.query(`CREATE DATABASE ${name}`);
  await my.end();
});

afterAll(async () => {
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  const my = await mysql.createConnection({ uri: MY_ADMIN });
  await my.query(`DROP DATABASE IF EXISTS ${name}`);
  await my.end();
});

describe.each([
  ["PostgreSQL", () => `postgres://postgres@127.0.0.1:5432/${name}`, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'planted'"],
  ["MariaDB", () => `mysql://root@127.0.0.1:3306/${name}`, `SELECT count(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${name}' AND TABLE_NAME = 'planted'`],
])("a %s session only ever reads", (_server, url, countPlanted) => {
  it.each([
    ["DDL", "CREATE TABLE planted (id int)", /refused to send a CREATE statement: parity only reads from targets/],
    ["a write", "INSERT INTO planted VALUES (1)", /refused to send a INSERT statement/],
    ["ending the transaction", "COMMIT", /refused to send a COMMIT statement/],
    ["a global setting", "SET GLOBAL max_connections = 5", /refused to send a SET statement/],
    ["a write hidden behind a comment", "/* harmless */ -- really\nDROP TABLE planted", /refused to send a DROP statement/],
  ])("refuses %s before it reaches the server", async (_what, sql, message) => {
    const session = await openSession(url());
    try {
      await expect(session.query(sql)).rejects.toThrow(message);
      expect(session.statements).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
  });

  it("cannot smuggle a second statement after a read", async () => {
    const session = await openSession(url());
    try {
      await expect(session.query("SELECT 1; COMMIT; CREATE TABLE planted (id int)")).rejects.toThrow();
    } finally {
      await session.close();
    }
    const check = await openSession(url());
    try {
      const [row] = await check.query<{ n: number | string }>(countPlanted);
      expect(Number(row!.n)).toBe(0);
    } finally {
      await check.close();
    }
  });

  it("still reads, and sets session-level variables", async () => {
    const session = await openSession(url());
    try {
      await session.query(url().startsWith("mysql") ? "SET time_zone = '+00:00'" : "SET LOCAL TimeZone = 'UTC'");
      const [row] = await session.query<{ one: number | string }>("  -- a comment first\n SELECT 1 AS one");
      expect(Number(row!.one)).toBe(1);
    } finally {
      await session.close();
    }
  });
});
