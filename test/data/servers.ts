import { randomBytes } from "node:crypto";
import pg from "pg";
import mysql from "mysql2/promise";
import type { Dialect } from "./generate.js";

/** A throw-away database on the machine's real server, dropped by `drop`. */
export interface ScratchDb {
  url: string;
  exec(sql: string): Promise<void>;
  drop(): Promise<void>;
}

export async function scratchDb(dialect: Dialect, prefix = "parity_data"): Promise<ScratchDb> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  if (dialect === "postgres") {
    const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      url,
      exec: async (sql) => void (await client.query(sql)),
      drop: async () => {
        await client.end();
        const a = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const conn = await mysql.createConnection({ uri: "mysql://root@127.0.0.1:3306/test" });
  await conn.query(`CREATE DATABASE ${name}`);
  await conn.query(`USE ${name}`);
  return {
    url: `mysql://root@127.0.0.1:3306/${name}`,
    exec: async (sql) => void (await conn.query(sql)),
    drop: async () => {
      await conn.query(`DROP DATABASE IF EXISTS ${name}`);
      await conn.end();
    },
  };
}
