import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../probes/database/session.js";
import { ProbeError } from "../../src/errors.js";
import { collect, compare, pgCreateDatabase, pgDropDatabase, pgExec, pgUrl, uniqueName } from "./helpers.js";
import { paymentsSchema } from "./pg-fixture.js";

const db = uniqueName("parity_schema_safe");
const role = uniqueName("parity_lowpriv");

beforeAll(async () => {
  await pgCreateDatabase(db, paymentsSchema("production"));
  await pgExec(db, `CREATE ROLE ${role} LOGIN; REVOKE ALL ON SCHEMA public FROM PUBLIC; REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;`);
  await pgExec("postgres", `ALTER ROLE ${role} IN DATABASE ${db} SET "DateStyle" = 'German, DMY'`);
});

afterAll(async () => {
  await pgDropDatabase(db);
  await pgExec("postgres", `DROP ROLE IF EXISTS ${role}`);
});

async function fingerprint(): Promise<string> {
  const client = new pg.Client({ connectionString: pgUrl(db) });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT (SELECT count(*) FROM pg_class) AS rel, (SELECT count(*) FROM pg_namespace) AS ns, (SELECT count(*) FROM pg_proc) AS procs",
    );
    return JSON.stringify(rows[0]);
  } finally {
    await client.end();
  }
}

describe("schema probe on PostgreSQL: safety", () => {
  it("runs in a read-only transaction: a write through the same session is refused", async () => {
    const session = await openSession(pgUrl(db));
    try {
      await expect(session.query("CREATE TABLE public.parity_was_here (id int)")).rejects.toThrow(/refused to send a CREATE statement: parity only reads from targets/);
      // Behind the guard, the transaction itself is read-only.
      expect(await session.query("SHOW transaction_read_only")).toEqual([{ transaction_read_only: "on" }]);
    } finally {
      await session.close();
    }
  });

  it("leaves no trace: no table, schema or function appears while it collects", async () => {
    const before = await fingerprint();
    await collect(pgUrl(db));
    expect(await fingerprint()).toBe(before);
  });

  it("sees every object as a role without any privilege, and reads that role's own settings", async () => {
    const owner = await collect(pgUrl(db));
    const low = await collect(pgUrl(db, role), { side: "production" });
    expect(low.objects.length).toBe(owner.objects.length);
    const observations = compare(owner, low);
    // pg_catalog hides nothing: the only difference is the DateStyle configured for that role here.
    expect(observations.map((o) => `${o.subject} ${o.aspect}`)).toEqual(["setting:DateStyle setting"]);
    expect(low.settings.DateStyle).toBe("German, DMY");
  });

  it("reads the committed schema while a migration holds a table no view reads", async () => {
    const locker = new pg.Client({ connectionString: pgUrl(db) });
    await locker.connect();
    try {
      await locker.query("BEGIN; ALTER TABLE public.customers ADD COLUMN uncommitted int");
      const snap = await collect(pgUrl(db), { timeoutMs: 5_000 });
      expect(snap.objects.some((o) => o.name === "public.customers.uncommitted")).toBe(false);
      expect(snap.objects.some((o) => o.name === "public.customers.email")).toBe(true);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
    }
  });

  it("gives up within its lock timeout, naming the lock, when a migration locks a table a view reads", async () => {
    const locker = new pg.Client({ connectionString: pgUrl(db) });
    await locker.connect();
    try {
      // daily_volume reads transactions; deparsing the view needs a lock the ALTER holds.
      await locker.query("BEGIN; ALTER TABLE public.transactions ADD COLUMN uncommitted int");
      const started = Date.now();
      const error = await collect(pgUrl(db), { timeoutMs: 2_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProbeError);
      expect((error as Error).message).toMatch(/^a catalog query on staging \(postgres:\/\/postgres@127\.0\.0\.1:5432\/parity_schema_safe_\w+\) waited too long for a lock/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
    }
  });

  it("gives up with a clear error when a catalog it reads stays locked", async () => {
    const locker = new pg.Client({ connectionString: pgUrl(db) });
    await locker.connect();
    try {
      await locker.query("BEGIN; LOCK TABLE pg_catalog.pg_description IN ACCESS EXCLUSIVE MODE");
      const started = Date.now();
      const error = await collect(pgUrl(db), { timeoutMs: 1_500 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProbeError);
      expect((error as Error).message).toMatch(/staging .*waited too long for a lock/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
    }
  });

  it("stops when the audit's deadline passes, with the deadline in the message", async () => {
    const locker = new pg.Client({ connectionString: pgUrl(db) });
    await locker.connect();
    try {
      await locker.query("BEGIN; ALTER TABLE public.transactions ADD COLUMN uncommitted int");
      // The runner's signal fires before the session's own timeouts would.
      const error = await collect(pgUrl(db), { signal: AbortSignal.timeout(300), timeoutMs: 20_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProbeError);
      expect((error as Error).message).toMatch(/schema collection on staging .* did not finish within 20000 ms|timed out while connecting/);
    } finally {
      await locker.query("ROLLBACK").catch(() => undefined);
      await locker.end();
    }
  });
});
