// N-table payments-like schemas for the schema benchmark: each table has six columns, a primary
// key, a foreign key to the previous table, a check, a default and a secondary index; every 50th
// table gets a view. Production differs from staging on every 100th table (a wider amount, a
// missing index), so every tool has real differences to find.
import pg from "pg";
import mysql from "mysql2/promise";

function pgTable(i, side) {
  const wide = side === "production" && i % 100 === 0;
  const ref = i > 1 ? `, ref_id bigint REFERENCES public.t_${i - 1} (id)` : "";
  return `CREATE TABLE public.t_${i} (id bigserial PRIMARY KEY${ref}, amount numeric(${wide ? 14 : 12},2) NOT NULL CHECK (amount >= 0),
    status text NOT NULL DEFAULT 'new', note text, created_at timestamptz NOT NULL DEFAULT now());
  ${side === "production" || i % 100 !== 0 ? `CREATE INDEX t_${i}_status_idx ON public.t_${i} (status, created_at);` : ""}
  ${i % 50 === 0 ? `CREATE VIEW public.v_${i} AS SELECT id, amount FROM public.t_${i} WHERE status = 'new';` : ""}`;
}

function myTable(i, side) {
  const wide = side === "production" && i % 100 === 0;
  const ref = i > 1 ? `, ref_id bigint, CONSTRAINT t_${i}_ref_fk FOREIGN KEY (ref_id) REFERENCES t_${i - 1} (id)` : "";
  const index = side === "production" || i % 100 !== 0 ? `, KEY t_${i}_status_idx (status, created_at)` : "";
  return `CREATE TABLE t_${i} (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, amount decimal(${wide ? 14 : 12},2) NOT NULL CHECK (amount >= 0),
    status varchar(20) NOT NULL DEFAULT 'new', note text, created_at datetime NOT NULL DEFAULT current_timestamp()${ref}${index}) ENGINE=InnoDB;
  ${i % 50 === 0 ? `CREATE VIEW v_${i} AS SELECT id, amount FROM t_${i} WHERE status = 'new';` : ""}`;
}

export async function createPg(name, n, side) {
  const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${name}` });
  await c.connect();
  for (let start = 1; start <= n; start += 200) {
    const sql = [];
    for (let i = start; i < start + 200 && i <= n; i++) sql.push(pgTable(i, side));
    await c.query(sql.join("\n"));
  }
  await c.end();
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

export async function createMy(name, n, side) {
  const c = await mysql.createConnection({ uri: "mysql://root@127.0.0.1:3306/test", multipleStatements: true });
  await c.query(`DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name}; USE ${name}`);
  for (let start = 1; start <= n; start += 100) {
    const sql = [];
    for (let i = start; i < start + 100 && i <= n; i++) sql.push(myTable(i, side));
    await c.query(sql.join("\n"));
  }
  await c.end();
  return `mysql://root@127.0.0.1:3306/${name}`;
}

export async function dropPg(name) {
  const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

export async function dropMy(name) {
  const c = await mysql.createConnection({ uri: "mysql://root@127.0.0.1:3306/test" });
  await c.query(`DROP DATABASE IF EXISTS ${name}`);
  await c.end();
}
