import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { DemoPart, StartDemoPart } from "./part.js";
import { seedDemoData } from "./data-seed.js";
import { seedDemoMigrations } from "./migrations-seed.js";

type Side = "staging" | "production";

/**
 * The payments schema, identical on both sides in `accounts` and `transactions` (the data
 * probe seeds and profiles them), with the example's deliberate gaps elsewhere.
 */
const COMMON = `
CREATE TABLE public.accounts (
  id bigserial PRIMARY KEY,
  customer_id bigint NOT NULL,
  currency text NOT NULL DEFAULT 'EUR',
  status text NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE public.transactions (
  id bigserial PRIMARY KEY,
  account_id bigint REFERENCES public.accounts (id),
  amount numeric(12,2),
  currency text,
  type text,
  status text,
  created_at timestamptz DEFAULT now()
);
CREATE INDEX transactions_account_idx ON public.transactions (account_id, created_at);
`;

/** Each side's own part: where staging drifted from production. */
const SIDES: Record<Side, string> = {
  staging: `
-- Labels differ: production learnt about reversed payouts, staging did not.
CREATE TYPE public.payout_status AS ENUM ('requested', 'paid', 'failed');
-- Type differs: staging still has the old precision.
CREATE TABLE public.payouts (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES public.accounts (id),
  amount numeric(10,2) NOT NULL,
  status public.payout_status NOT NULL DEFAULT 'requested',
  requested_at timestamptz NOT NULL DEFAULT now()
);
-- The declared difference: a helper table only staging has, for test fixtures.
CREATE TABLE public.test_fixtures (name text PRIMARY KEY, payload jsonb NOT NULL);
ALTER DATABASE template1 SET "TimeZone" = 'UTC';
`,
  production: `
CREATE TYPE public.payout_status AS ENUM ('requested', 'paid', 'failed', 'reversed');
CREATE TABLE public.payouts (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES public.accounts (id),
  amount numeric(12,2) NOT NULL,
  status public.payout_status NOT NULL DEFAULT 'requested',
  requested_at timestamptz NOT NULL DEFAULT now(),
  -- A check constraint staging lacks: staging accepts payouts production rejects.
  CONSTRAINT payouts_amount_positive CHECK (amount > 0)
);
-- An index production has and staging lacks: staging's query timings mislead.
CREATE INDEX transactions_pending_idx ON public.transactions (created_at) WHERE status = 'pending';
ALTER DATABASE template1 SET "TimeZone" = 'Europe/Berlin';
`,
};

// Bump with the pinned @electric-sql/pglite version: a data directory is tied to its build.
const PGLITE_BUILD = "0.5.14";
let template: Promise<Blob> | undefined;

/**
 * A fresh cluster's data directory. initdb inside PGlite's WebAssembly takes seconds (10+ on a
 * busy two-core machine), loading a saved one about one: so the demo runs initdb once, starts both
 * sides from the result, and keeps it in the temp folder for the next demo.
 */
function templateDataDir(): Promise<Blob> {
  template ??= (async () => {
    const cache = path.join(os.tmpdir(), `parity-demo-pglite-${PGLITE_BUILD}.tar`);
    try {
      return new Blob([await readFile(cache)]);
    } catch {
      // no cached cluster yet: make one
    }
    const db = await PGlite.create();
    const dump = await db.dumpDataDir("none");
    await db.close();
    const partial = `${cache}.${process.pid}.tmp`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, cache); // atomic, so a concurrent demo never reads half a file
    return dump;
  })();
  return template;
}

/** Everything one side's cluster is built from: the schema, the side's own part, the seed data and migration history. */
async function sideSql(side: Side): Promise<string[]> {
  const seed: string[] = [];
  await seedDemoData(async (sql) => void seed.push(sql), side);
  await seedDemoMigrations(async (sql) => void seed.push(sql), side);
  return [COMMON, SIDES[side], ...seed];
}

/**
 * One side's cluster, schema and rows included. Seeding runs md5 over every row inside
 * WebAssembly, as long as loading the cluster itself: the seeded cluster is kept in the temp
 * folder like the template, under a name that changes whenever its SQL or PGlite does, and
 * loaded as it is by the next demo.
 */
async function seededSide(side: Side): Promise<PGlite> {
  const sql = await sideSql(side);
  const key = createHash("sha256").update([PGLITE_BUILD, ...sql].join("\u0000")).digest("hex").slice(0, 12);
  const cache = path.join(os.tmpdir(), `parity-demo-pglite-${PGLITE_BUILD}-${side}-${key}.tar`);
  try {
    return await PGlite.create({ loadDataDir: new Blob([await readFile(cache)]) });
  } catch {
    // no seeded cluster yet (or a damaged one): build it from the template
  }
  const db = await PGlite.create({ loadDataDir: await templateDataDir() });
  const name = await currentDatabase(db);
  for (const statement of sql) await db.exec(statement.replace(/template1/g, `"${name}"`));
  try {
    const partial = `${cache}.${process.pid}.tmp`;
    await writeFile(partial, Buffer.from(await (await db.dumpDataDir("none")).arrayBuffer()));
    await rename(partial, cache); // atomic, so a concurrent demo never reads half a file
  } catch {
    // a temp folder we cannot write to costs the next demo the seeding again, nothing more
  }
  return db;
}

/** One side: an in-process PGlite served over TCP so the real `pg` driver talks to it. */
async function startSide(side: Side): Promise<{ url: string; close(): Promise<void> }> {
  const db = await seededSide(side);
  // pglite-socket serves one connection by default; the schema and data probes each open one
  // per side at the same time. Several are accepted and their statements queued on the single
  // PGlite session, which keeps a transaction's statements together (see test/schema/demo).
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  return {
    url: `postgres://postgres@${host}:${port}/${await currentDatabase(db)}?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

async function currentDatabase(db: PGlite): Promise<string> {
  const result = await db.query<{ name: string }>("SELECT current_database() AS name");
  return result.rows[0]?.name ?? "postgres";
}

/** The PostgreSQL pair of the demo: STAGING_DB_URL and PRODUCTION_DB_URL. */
export const startDemoDatabases: StartDemoPart = async () => {
  const [staging, production] = await Promise.all([startSide("staging"), startSide("production")]);
  const part: DemoPart = {
    env: { STAGING_DB_URL: staging.url, PRODUCTION_DB_URL: production.url },
    async close() {
      await Promise.allSettled([staging.close(), production.close()]);
    },
  };
  return part;
};
