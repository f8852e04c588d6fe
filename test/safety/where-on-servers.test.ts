import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import type { DataOptions } from "../../probes/data/types.js";
import { myUrl } from "../schema/helpers.js";
import { collectContext, env, options } from "../data/context.js";
import { canaryDb, type CanaryDb } from "./servers.js";

/**
 * Options as collect receives them, with a `where` the map's validation would have refused:
 * collect must refuse it on its own (options can come from an older loader or a snapshot).
 */
function unvalidated(tables: Array<{ name: string; where?: string }>): DataOptions {
  const opts = options({ tables: tables.map((t) => ({ name: t.name })), sample: "full" });
  return { ...opts, tables };
}

const collect = (db: CanaryDb, opts: DataOptions): Promise<unknown> =>
  dataProbe.collect(env("production", db.url()), collectContext(opts, "production")).then(
    () => "finished",
    (error: unknown) => error,
  );

describe("MariaDB: a where cannot lock, write files or run a second statement", () => {
  let db: CanaryDb;
  beforeAll(async () => {
    db = await canaryDb("mariadb");
    // Large enough that profiling it keeps the probe's transaction open for a second or more.
    await db.exec(
      "CREATE TABLE big (id int PRIMARY KEY, v int, note varchar(20)); INSERT INTO big SELECT seq, seq % 1000, CONCAT('n', seq % 37) FROM seq_1_to_400000;",
    );
  }, 60_000);
  afterAll(async () => {
    await db.drop();
  });

  /** UPDATEs the canary from a second session until `probe` settles; each may wait 1 s for a lock. */
  async function updatesWhile(probe: Promise<unknown>): Promise<number[]> {
    const admin = await mysql.createConnection({ uri: myUrl(db.name) });
    await admin.query("SET SESSION innodb_lock_wait_timeout = 1");
    let settled = false;
    void probe.finally(() => (settled = true));
    const waits: number[] = [];
    try {
      do {
        const started = performance.now();
        await admin.query("UPDATE canary SET note = ? WHERE id = 1", [`n${waits.length}`]);
        waits.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } while (!settled);
    } finally {
      await admin.end();
    }
    return waits;
  }

  it("a where that reads only: the application's UPDATE goes through while the probe runs", async () => {
    const probe = collect(db, unvalidated([{ name: "canary", where: "note <> 'zzz'" }, { name: "big" }]));
    const waits = await updatesWhile(probe);
    expect(await probe).toBe("finished");
    expect(waits.length).toBeGreaterThan(1);
    expect(Math.max(...waits)).toBeLessThan(500);
  });

  it("LOCK IN SHARE MODE smuggled past the parenthesis is refused; the UPDATE is never blocked", async () => {
    const probe = collect(db, unvalidated([{ name: "canary", where: "1=1) LOCK IN SHARE MODE -- " }, { name: "big" }]));
    const waits = await updatesWhile(probe);
    expect(String(await probe)).toMatch(/the where of canary is refused on MariaDB\/MySQL: comments \(--\) are not allowed/);
    expect(Math.max(...waits)).toBeLessThan(500);
  });

  it("INTO OUTFILE makes the server write no file", async () => {
    const file = `/tmp/parity-outfile-${randomBytes(4).toString("hex")}.txt`;
    const probe = await collect(db, unvalidated([{ name: "canary", where: `1=1) INTO OUTFILE '${file}' -- ` }]));
    // The server's own evidence (it reads the path as mysqld would), and the file system's.
    expect(await db.value(`SELECT LOAD_FILE('${file}') IS NULL`)).toBe(1);
    expect(existsSync(file)).toBe(false);
    expect(String(probe)).toMatch(/refused/);
  });

  it("a DROP after a semicolon never runs", async () => {
    const probe = await collect(db, unvalidated([{ name: "canary", where: "1=1); DROP TABLE canary; SELECT 1 FROM DUAL WHERE (1" }]));
    expect(await db.canaryRows()).toBe(3);
    expect(String(probe)).toMatch(/refused/);
  });

  it("a where naming a column the table does not have is refused before any statement reads the table", async () => {
    const probe = await collect(db, unvalidated([{ name: "canary", where: "stauts = 'x'" }]));
    expect(String(probe)).toMatch(/the where of canary names stauts, which is not a column of canary \(its columns: id, note\)/);
  });
});

describe("PostgreSQL: a where cannot open a second connection", () => {
  let db: CanaryDb;
  beforeAll(async () => {
    db = await canaryDb("postgres");
    await db.exec("CREATE EXTENSION dblink; CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2);");
  });
  afterAll(async () => {
    await db.drop();
  });

  it("dblink_exec (a connection the read-only transaction does not cover) is refused; the canary survives", async () => {
    const where = `dblink_exec('host=127.0.0.1 port=5432 user=postgres dbname=${db.name}', 'DROP TABLE canary') = 'DROP TABLE'`;
    const probe = await collect(db, unvalidated([{ name: "t", where }]));
    expect(await db.canaryRows()).toBe(3);
    expect(String(probe)).toMatch(/the where of t is refused on PostgreSQL: the function dblink_exec\(\) is not allowed/);
  });

  it("a schema-qualified call is refused too", async () => {
    const where = `public.dblink_exec('host=127.0.0.1 port=5432 user=postgres dbname=${db.name}', 'DROP TABLE canary') = 'DROP TABLE'`;
    const probe = await collect(db, unvalidated([{ name: "t", where }]));
    expect(await db.canaryRows()).toBe(3);
    expect(String(probe)).toMatch(/the function public\.dblink_exec\(\) is not allowed: name functions without a schema/);
  });
});
