import { createHash } from "node:crypto";
import { readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { seedDemoData } from "./data-seed.js";
import { seedDemoMigrations } from "./migrations-seed.js";

/**
 * The demo's five clusters: staging, production in two regions (eu and us), and the ledger's
 * own database in staging and in production-eu (the ledger is global: it lives in the eu region).
 */
export type Cluster = "staging" | "production" | "production-us" | "staging-ledger" | "production-ledger";
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

/**
 * production-us: production's schema, except that the hand-run hotfix index (Flyway V4.1) was
 * only ever run in eu, and the region's clock: a gap one region has and the other not.
 */
const PRODUCTION_US = SIDES.production
  .replace(/-- An index production has[^\n]*\nCREATE INDEX transactions_pending_idx[^\n]*\n/, "")
  .replace("'Europe/Berlin'", "'America/New_York'");

/**
 * The ledger's own database (a second database of the same service): double-entry journal and
 * postings. Production's journal refuses a reference twice (the idempotency key of a posting
 * run); staging's accepts duplicates, so a retried settlement posts twice only in staging.
 */
const LEDGER = `
CREATE SCHEMA ledger;
CREATE TABLE ledger.journal (
  id bigserial PRIMARY KEY,
  reference text NOT NULL,
  posted_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ledger.postings (
  id bigserial PRIMARY KEY,
  journal_id bigint NOT NULL REFERENCES ledger.journal (id),
  account text NOT NULL,
  amount numeric(14,2) NOT NULL,
  currency char(3) NOT NULL
);
CREATE INDEX postings_journal_idx ON ledger.postings (journal_id);
`;
const LEDGER_PRODUCTION = "ALTER TABLE ledger.journal ADD CONSTRAINT journal_reference_key UNIQUE (reference);";

// Bump with the pinned @electric-sql/pglite version: a data directory is tied to its build. The
// suffix names how the template is made (1 MB WAL segments, then LEAN_TEMPLATE), so older cached
// clusters are not reused.
const PGLITE_BUILD = "0.5.14-wal1-lean1";
let template: Promise<Blob> | undefined;

/**
 * initdb's default 16 MB WAL segment is most of a fresh data directory, and every cluster start
 * copies the whole directory into memory: with 1 MB segments the saved cluster is 31 MB instead
 * of 40 and starts in about half the time (measured: 0.39 s against 0.89 s).
 */
const INITDB_PARAMS = ["--wal-segsize=1"];

/**
 * What initdb leaves that a demo cluster never uses, and every start pays for. PGlite connects to
 * `postgres`: template0 and template1 are two more databases of 7.4 MB each in the saved
 * directory, copied into memory at every start. shared_buffers of 128 MB is memory PostgreSQL
 * zeroes at every start, five times over, for clusters of a few hundred rows. A checkpoint with a
 * small WAL floor drops the segments initdb filled. Measured on one cluster here: 330 ms to start
 * as initdb left it, 175 ms so (the saved directory 31 MB, then 15 MB).
 */
const LEAN_TEMPLATE = [
  "UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')",
  "DROP DATABASE template0",
  "DROP DATABASE template1",
  "ALTER SYSTEM SET shared_buffers = '16MB'",
  "ALTER SYSTEM SET min_wal_size = '2MB'",
  "ALTER SYSTEM SET max_wal_size = '4MB'",
  "SELECT pg_reload_conf()",
  "CHECKPOINT",
];

/**
 * A fresh cluster's data directory. initdb inside PGlite's WebAssembly takes seconds (10+ on a
 * busy two-core machine), loading a saved one well under one: so the demo runs initdb once,
 * starts every cluster from the result, and keeps it in the temp folder for the next demo.
 */
function templateDataDir(): Promise<Blob> {
  template ??= (async () => {
    const cache = path.join(os.tmpdir(), templateCacheName());
    try {
      return new Blob([await readFile(cache)]);
    } catch {
      // no cached cluster yet: make one
    }
    const db = await PGlite.create({ ...(await sharedBuild()), initDbStartParams: INITDB_PARAMS });
    for (const statement of LEAN_TEMPLATE) await db.exec(statement);
    const dump = await db.dumpDataDir("none");
    await db.close();
    const partial = `${cache}.${process.pid}-${threadId}.tmp`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, cache); // atomic, so a concurrent demo never reads half a file
    return dump;
  })();
  return template;
}

type SharedBuild = Required<Pick<PGliteOptions, "pgliteWasmModule" | "fsBundle">>;
// Node has WebAssembly; the project's TypeScript lib (ES2023, no DOM) does not describe it.
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<SharedBuild["pgliteWasmModule"]> };
let build: Promise<SharedBuild> | undefined;

/**
 * PGlite's WebAssembly module and file-system bundle, compiled and read once for all five
 * clusters: left to itself every PGlite instance compiles and reads its own (measured here:
 * two clusters started together 2.35 s, sharing them 1.1 s).
 */
function sharedBuild(): Promise<SharedBuild> {
  build ??= (async () => {
    // require.resolve, not import.meta.resolve: the built CLI is CommonJS. PGlite's require and
    // import builds sit side by side in its dist/, beside the .wasm and .data files.
    const dist = path.dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    const [wasm, data] = await Promise.all([readFile(path.join(dist, "pglite.wasm")), readFile(path.join(dist, "pglite.data"))]);
    return { pgliteWasmModule: await WebAssembly.compile(wasm), fsBundle: new Blob([data]) };
  })();
  return build;
}

const CACHE_PREFIX = "parity-demo-pglite-";
const templateCacheName = () => `${CACHE_PREFIX}${PGLITE_BUILD}.tar`;
function seededCacheName(cluster: Cluster, sql: string[]): string {
  const key = createHash("sha256").update([PGLITE_BUILD, ...sql].join("\u0000")).digest("hex").slice(0, 12);
  return `${CACHE_PREFIX}${PGLITE_BUILD}-${cluster}-${key}.tar`;
}

/**
 * Removes the saved clusters this build no longer reads (another PGlite build's, or seeded from
 * older SQL): 16–40 MB each, left in the temp folder by every upgrade otherwise. A concurrent
 * demo of another version that loses its file to this builds it again; nothing fails.
 */
export async function removeStaleClusterCaches(): Promise<void> {
  const clusters = Object.keys(CLUSTER_VARIABLES) as Cluster[];
  const current = new Set([templateCacheName(), ...(await Promise.all(clusters.map(async (c) => seededCacheName(c, await clusterSql(c)))))]);
  const dir = os.tmpdir();
  const stale = (await readdir(dir)).filter((f) => f.startsWith(CACHE_PREFIX) && f.endsWith(".tar") && !current.has(f));
  await Promise.all(stale.map((f) => rm(path.join(dir, f), { force: true })));
}

/** Everything one cluster is built from: the schema, the side's own part, the seed data and migration history. */
async function clusterSql(cluster: Cluster): Promise<string[]> {
  if (cluster === "staging-ledger") return [LEDGER];
  if (cluster === "production-ledger") return [LEDGER, LEDGER_PRODUCTION];
  const side: Side = cluster === "staging" ? "staging" : "production";
  const seed: string[] = [];
  await seedDemoData(async (sql) => void seed.push(sql), side);
  await seedDemoMigrations(async (sql) => void seed.push(sql), cluster === "production-us" ? "production-us" : side);
  return [COMMON, cluster === "production-us" ? PRODUCTION_US : SIDES[side], ...seed];
}

/**
 * One side's cluster, schema and rows included. Seeding runs md5 over every row inside
 * WebAssembly, as long as loading the cluster itself: the seeded cluster is kept in the temp
 * folder like the template, under a name that changes whenever its SQL or PGlite does, and
 * loaded as it is by the next demo.
 */
async function seededCluster(cluster: Cluster): Promise<PGlite> {
  const sql = await clusterSql(cluster);
  const cache = path.join(os.tmpdir(), seededCacheName(cluster, sql));
  try {
    return await PGlite.create({ ...(await sharedBuild()), loadDataDir: new Blob([await readFile(cache)]) });
  } catch {
    // no seeded cluster yet (or a damaged one): build it from the template
  }
  const db = await PGlite.create({ ...(await sharedBuild()), loadDataDir: await templateDataDir() });
  const name = await currentDatabase(db);
  for (const statement of sql) await db.exec(statement.replace(/template1/g, `"${name}"`));
  try {
    const partial = `${cache}.${process.pid}-${threadId}.tmp`;
    await writeFile(partial, Buffer.from(await (await db.dumpDataDir("none")).arrayBuffer()));
    await rename(partial, cache); // atomic, so a concurrent demo never reads half a file
  } catch {
    // a temp folder we cannot write to costs the next demo the seeding again, nothing more
  }
  return db;
}

/** One cluster: an in-process PGlite served over TCP so the real `pg` driver talks to it. */
export async function startCluster(cluster: Cluster): Promise<{ url: string; close(): Promise<void> }> {
  const db = await seededCluster(cluster);
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

/** The variable the example map reads for each cluster's URL. */
export const CLUSTER_VARIABLES: Record<Cluster, string> = {
  staging: "STAGING_DB_URL",
  production: "PRODUCTION_DB_URL",
  "production-us": "PRODUCTION_US_DB_URL",
  "staging-ledger": "STAGING_LEDGER_DB_URL",
  "production-ledger": "PRODUCTION_LEDGER_DB_URL",
};

/**
 * Several clusters at once: their URLs by cluster, and one close for all. Stops whatever started
 * if one fails. Used on the calling thread and inside each database worker alike.
 */
export async function startClusters(clusters: Cluster[]): Promise<{ urls: Partial<Record<Cluster, string>>; close(): Promise<void> }> {
  const results = await Promise.allSettled(clusters.map(startCluster));
  const started = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const close = async () => void (await Promise.allSettled(started.map((c) => c.close())));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { urls: Object.fromEntries(clusters.map((c, i) => [c, (results[i] as PromiseFulfilledResult<{ url: string }>).value.url])), close };
}
