import { randomBytes } from "node:crypto";
import pg from "pg";
import mysql from "mysql2/promise";
import { schemaProbe } from "../../probes/schema/index.js";
import type { SchemaOptions, SchemaSnapshot } from "../../probes/schema/types.js";
import type { CollectContext } from "../../src/probe.js";
import type { Observation } from "../../src/types.js";

export const PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
export const MY_ADMIN = "mysql://root@127.0.0.1:3306/test";

export const pgUrl = (db: string, user = "postgres") => `postgres://${user}@127.0.0.1:5432/${db}`;
export const myUrl = (db: string, user = "root", password = "") => `mysql://${user}${password ? `:${password}` : ""}@127.0.0.1:3306/${db}`;

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString("hex")}`;

export function options(overrides: Partial<SchemaOptions> = {}): SchemaOptions {
  return { ignore: [], owners: false, grants: false, comments: false, columnOrder: false, extensionVersions: true, ...overrides };
}

export function collectContext(overrides: Partial<CollectContext<SchemaOptions>> = {}): CollectContext<SchemaOptions> {
  return {
    probeId: "db-schema",
    options: options(),
    signal: AbortSignal.timeout(60_000),
    timeoutMs: 30_000,
    side: "staging",
    mapDir: process.cwd(),
    shared: () => {
      throw new Error("the schema probe shares nothing");
    },
    ...overrides,
  };
}

export function collect(url: string, overrides: Partial<CollectContext<SchemaOptions>> = {}): Promise<SchemaSnapshot> {
  return schemaProbe.collect({ name: overrides.side ?? "staging", database: { url } }, collectContext(overrides));
}

/**
 * The schema observations of two snapshots. These tests connect as the servers' superusers,
 * which the probe reports in every comparison (tested in test/safety/superuser.test.ts); that
 * note is left out here.
 */
export function compare(staging: SchemaSnapshot, production: SchemaSnapshot, opts: Partial<SchemaOptions> = {}): Observation[] {
  return schemaProbe.compare(staging, production, {
    probeId: "db-schema",
    options: options(opts),
    staging: { name: "staging" },
    production: { name: "production" },
    differenceIds: [],
    now: new Date("2026-11-26T00:00:00Z"),
  }).filter((o) => o.aspect !== "superuser");
}

/** Runs SQL (several statements) on a PostgreSQL database as the superuser. */
export async function pgExec(db: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgUrl(db) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function pgCreateDatabase(name: string, sql: string): Promise<void> {
  await pgExec("postgres", `CREATE DATABASE ${name}`);
  await pgExec(name, sql);
}

export async function pgDropDatabase(name: string): Promise<void> {
  await pgExec("postgres", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function myExec(db: string | null, sql: string): Promise<void> {
  const conn = await mysql.createConnection({ uri: myUrl(db ?? "test"), multipleStatements: true });
  try {
    await conn.query(sql);
  } finally {
    await conn.end();
  }
}

export async function myCreateDatabase(name: string, sql: string): Promise<void> {
  await myExec(null, `CREATE DATABASE ${name}`);
  await myExec(name, sql);
}

export async function myDropDatabase(name: string): Promise<void> {
  await myExec(null, `DROP DATABASE IF EXISTS ${name}`);
}

/** The one observation with this subject and aspect (fails loudly when absent or repeated). */
export function find(observations: Observation[], subject: string, aspect: string): Observation {
  const hits = observations.filter((o) => o.subject === subject && o.aspect === aspect);
  if (hits.length !== 1) {
    const seen = observations.map((o) => `${o.subject} ${o.aspect}`).join("\n  ");
    throw new Error(`expected one ${subject} ${aspect}, found ${hits.length}; observations:\n  ${seen}`);
  }
  return hits[0]!;
}
