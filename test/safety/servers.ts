import pg from "pg";
import mysql from "mysql2/promise";
import { myDropDatabase, myExec, myUrl, pgDropDatabase, pgExec, pgUrl, uniqueName } from "../schema/helpers.js";

export type Engine = "postgres" | "mariadb";

/**
 * A throw-away database on the machine's real server with a `canary` table of 3 rows, and an
 * admin connection for the server's own evidence (does the table still exist, how many rows, which
 * sessions are there).
 */
export interface CanaryDb {
  engine: Engine;
  name: string;
  /** URL parity connects with (superuser on this machine), plus optional query options. */
  url(query?: string): string;
  /** Runs SQL as the admin (several statements allowed). */
  exec(sql: string): Promise<void>;
  /** One value of a query run as the admin. */
  value(sql: string): Promise<unknown>;
  canaryRows(): Promise<number | null>;
  /** Puts the canary table back as it was (for tests that expect it to be gone on old code). */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

export async function canaryDb(engine: Engine, prefix = "parity_safety"): Promise<CanaryDb> {
  const name = uniqueName(prefix);
  const seed = "CREATE TABLE canary (id int PRIMARY KEY, note varchar(20)); INSERT INTO canary VALUES (1, 'a'), (2, 'b'), (3, 'c');";
  if (engine === "postgres") {
    await pgExec("postgres", `CREATE DATABASE ${name}`);
    await pgExec(name, seed);
  } else {
    await myExec(null, `CREATE DATABASE ${name}`);
    await myExec(name, seed);
  }
  const value = async (sql: string): Promise<unknown> => {
    if (engine === "postgres") {
      const client = new pg.Client({ connectionString: pgUrl(name) });
      await client.connect();
      try {
        const result = await client.query(sql);
        const row = result.rows[0] as Record<string, unknown> | undefined;
        return row ? Object.values(row)[0] : undefined;
      } finally {
        await client.end();
      }
    }
    const conn = await mysql.createConnection({ uri: myUrl(name) });
    try {
      const [rows] = await conn.query(sql);
      const row = (rows as Array<Record<string, unknown>>)[0];
      return row ? Object.values(row)[0] : undefined;
    } finally {
      await conn.end();
    }
  };
  return {
    engine,
    name,
    url: (query = "") => (engine === "postgres" ? pgUrl(name) : myUrl(name)) + (query ? `?${query}` : ""),
    exec: (sql) => (engine === "postgres" ? pgExec(name, sql) : myExec(name, sql)),
    value,
    async canaryRows() {
      const exists = await value(
        engine === "postgres"
          ? "SELECT count(*)::int FROM pg_tables WHERE tablename = 'canary'"
          : `SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${name}' AND TABLE_NAME = 'canary'`,
      );
      if (Number(exists) === 0) return null;
      return Number(await value("SELECT count(*) FROM canary"));
    },
    reset: () => (engine === "postgres" ? pgExec(name, `DROP TABLE IF EXISTS canary; ${seed}`) : myExec(name, `DROP TABLE IF EXISTS canary; ${seed}`)),
    drop: () => (engine === "postgres" ? pgDropDatabase(name) : myDropDatabase(name)),
  };
}
