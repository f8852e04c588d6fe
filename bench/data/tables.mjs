// The benchmark table, generated inside a throw-away database on each server: 8 columns of a
// payments ledger, with a 3% NULL status, a 20% NULL high-cardinality note and a 0.1% `rare` type.
import { randomBytes } from "node:crypto";
import pg from "pg";
import mysql from "mysql2/promise";

export const COLUMNS = {
  numeric: ["account_id", "amount"],
  time: ["created_at"],
  text: ["currency", "type", "status", "note"],
};
export const CATEGORICAL = ["currency", "type", "status"];

const TYPES = [["purchase", 0.6], ["refund", 0.8], ["transfer", 0.95], ["chargeback", 0.99], ["instant_payout", 0.999], ["rare", 1]];

function rowSql(u) {
  const type = `CASE ${TYPES.map(([t, upTo]) => `WHEN ${u(4)} < ${upTo} THEN '${t}'`).join(" ")} END`;
  return {
    account: `1 + FLOOR(${u(1)} * 100000)`,
    amount: `CAST(-LN(1 - ${u(2)}) * 50 AS DECIMAL(12,2))`,
    currency: `CASE WHEN ${u(3)} < 0.7 THEN 'EUR' WHEN ${u(3)} < 0.9 THEN 'GBP' ELSE 'USD' END`,
    type,
    status: `CASE WHEN ${u(5)} < 0.03 THEN NULL WHEN ${u(5)} < 0.9 THEN 'settled' ELSE 'pending' END`,
    note: `CASE WHEN ${u(6)} < 0.2 THEN NULL ELSE CONCAT('ref-', FLOOR(${u(6)} * 1000000000)) END`,
    seconds: `FLOOR(${u(7)} * 365 * 86400)`,
  };
}

/** Creates the database and the table of `rows` rows; returns its URL and a drop function. */
export async function createBenchDb(dialect, rows) {
  const name = `parity_bench_data_${randomBytes(3).toString("hex")}`;
  const chunk = 1_000_000;
  if (dialect === "postgres") {
    const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = `postgres://postgres@127.0.0.1:5432/${name}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
    // hashint4 of distinct inputs: fast, deterministic uniforms.
    const r = rowSql((k) => `((hashint4((g * 8 + ${k})::int)::float8 + 2147483648) / 4294967296.0)`);
    await c.query(`CREATE TABLE bench_tx (id bigint PRIMARY KEY, account_id bigint NOT NULL, amount numeric(12,2) NOT NULL, currency text NOT NULL, type text NOT NULL, status text, note text, created_at timestamptz NOT NULL)`);
    for (let start = 1; start <= rows; start += chunk) {
      await c.query(`INSERT INTO bench_tx SELECT g, ${r.account}, ${r.amount}, ${r.currency}, ${r.type}, ${r.status}, ${r.note}, timestamptz '2026-11-20 00:00:00+00' - ${r.seconds} * interval '1 second'
        FROM generate_series(${start}, ${Math.min(rows, start + chunk - 1)}) AS g`);
    }
    await c.query(`CREATE INDEX bench_tx_created_idx ON bench_tx (created_at)`);
    await c.query(`VACUUM ANALYZE bench_tx`);
    } catch (error) {
      await c.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      throw error;
    }
    await c.end();
    return {
      url,
      async drop() {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const c = await mysql.createConnection({ uri: "mysql://root@127.0.0.1:3306/test" });
  await c.query(`CREATE DATABASE ${name}`);
  await c.query(`USE ${name}`);
  // md5, not CRC32, for the data: the sampler keys on CRC32(id), and CRC is linear, so data drawn
  // from CRC32 of related numbers could line up with the sample.
  const r = rowSql((k) => `(CONV(SUBSTR(MD5(seq * 8 + ${k}), 1, 8), 16, 10) / 4294967296.0)`);
  try {
  await c.query(`CREATE TABLE bench_tx (id bigint PRIMARY KEY, account_id bigint NOT NULL, amount decimal(12,2) NOT NULL, currency varchar(3) NOT NULL, type varchar(16) NOT NULL, status varchar(16), note varchar(32), created_at datetime NOT NULL, KEY bench_tx_created_idx (created_at))`);
  for (let start = 1; start <= rows; start += chunk) {
    await c.query(`INSERT INTO bench_tx SELECT seq, ${r.account}, ${r.amount}, ${r.currency}, ${r.type}, ${r.status}, ${r.note}, TIMESTAMP'2026-11-20 00:00:00' - INTERVAL ${r.seconds} SECOND
      FROM seq_${start}_to_${Math.min(rows, start + chunk - 1)}`);
  }
  await c.query(`ANALYZE TABLE bench_tx`);
  } catch (error) {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.end();
    throw error;
  }
  return {
    url: `mysql://root@127.0.0.1:3306/${name}`,
    async drop() {
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}
