import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { ProbeError } from "../../src/errors.js";
import { openSession } from "../database/session.js";
import type { DatabaseSession } from "../database/session.js";
import { postgresProfiler } from "./postgres.js";
import { mysqlProfiler } from "./mysql.js";
import { profileTable } from "./profile.js";
import { PROFILE_FORMAT, PROFILE_VERSION } from "./types.js";
import type { DataOptions, DataProfile, TableProfile } from "./types.js";

const TIMEOUT_CODES = new Set(["57014", "ER_STATEMENT_TIMEOUT", "ER_QUERY_TIMEOUT", "PROTOCOL_SEQUENCE_TIMEOUT"]);

/** A statement timeout or a deadline reads as what it is, with what to do about it. */
function describe(error: unknown, step: string, timeoutMs: number, signal: AbortSignal): ProbeError {
  if (error instanceof ProbeError) return error;
  const err = error as { code?: string; errno?: number; message?: string };
  const timedOut =
    TIMEOUT_CODES.has(err.code ?? "") || err.errno === 1969 || err.errno === 3024 || /statement timeout|max_statement_time|max_execution_time/i.test(err.message ?? "");
  if (timedOut) {
    return new ProbeError(
      `statement timeout (${timeoutMs} ms) hit while running ${step}; raise the probe's timeoutMs or statementTimeoutMs, narrow the table with where, or use sample: auto`,
      { cause: error },
    );
  }
  if (signal.aborted) return new ProbeError(`probe deadline passed while running ${step}`, { cause: error });
  return new ProbeError(`${step} failed: ${err.message ?? String(error)}`, { cause: error });
}

/** Profiles every configured table on one side, in one read-only, time-bounded session. */
export async function collectProfile(env: Environment, ctx: CollectContext<DataOptions>): Promise<DataProfile> {
  const url = env.database?.url;
  if (!url) throw new ProbeError(`environment "${env.name}" has no database.url to profile`);
  const statementTimeoutMs = Math.min(ctx.options.statementTimeoutMs ?? ctx.timeoutMs, ctx.timeoutMs);
  // A connect never outlasts the probe's deadline (a driver's own connect timer would keep the
  // process alive after the report otherwise).
  const session: DatabaseSession = await openSession(url, { signal: ctx.signal, statementTimeoutMs, connectTimeoutMs: Math.min(10_000, ctx.timeoutMs) });
  const step = { current: "the catalog query" };
  try {
    const dialect = session.dialect === "postgres" ? postgresProfiler : mysqlProfiler;
    const catalog = await dialect.catalog(session, ctx.options.tables.map((t) => t.name));
    const tables: TableProfile[] = [];
    for (const table of ctx.options.tables) {
      tables.push(await profileTable(session, dialect, ctx.options, table, catalog.get(table.name), step, ctx.secretHash));
    }
    return {
      format: PROFILE_FORMAT,
      version: PROFILE_VERSION,
      dialect: session.dialect,
      serverVersion: session.serverVersion,
      collectedAt: new Date().toISOString(),
      hashKey: ctx.hashKey,
      session: session.role,
      tables,
    };
  } catch (error) {
    throw describe(error, step.current, statementTimeoutMs, ctx.signal);
  } finally {
    await session.close();
  }
}
