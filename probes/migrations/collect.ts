import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { ProbeError } from "../../src/errors.js";
import { Redactor, redactUrl, urlSecrets } from "../../src/redact.js";
import { openSession, type DatabaseSession, type Dialect } from "../database/session.js";
import { findHistory, qualified, type HistoryTable } from "./detect.js";
import { readFolder } from "./folder.js";
import type { Row, ToolSpec } from "./tools.js";
import { MIGRATIONS_SNAPSHOT_FORMAT, MIGRATIONS_SNAPSHOT_VERSION, type MigrationsOptions, type MigrationsSnapshot } from "./types.js";
import { grouped } from "../../src/grouped.js";

/** A history table is a few thousand rows at most; more than this is not one, and is not read whole. */
export const MAX_HISTORY_ROWS = 100_000;

/** One side: one read-only session, one catalog query to find the table, one SELECT of it. */
export async function collectMigrations(env: Environment, ctx: CollectContext<MigrationsOptions>): Promise<MigrationsSnapshot> {
  const url = env.database?.url;
  if (!url) throw new ProbeError(`environment "${env.name}" has no database.url (or database.snapshot) for the migrations probe`);
  const redactor = new Redactor().add(...urlSecrets(url));
  const session = await openSession(url, {
    signal: ctx.signal,
    statementTimeoutMs: ctx.timeoutMs,
    lockTimeoutMs: Math.min(5_000, Math.max(100, Math.floor(ctx.timeoutMs / 2))),
    connectTimeoutMs: Math.min(10_000, ctx.timeoutMs),
  });
  try {
    const { spec, table } = await findHistory(session, ctx.options.tool, ctx.options.table);
    const rows = await readRows(session, spec, table);
    const folder = ctx.options.folder ? await readFolder(ctx.options.folder, ctx.mapDir, spec.tool, ctx.signal) : undefined;
    return redactor.scrubValue({
      format: MIGRATIONS_SNAPSHOT_FORMAT,
      version: MIGRATIONS_SNAPSHOT_VERSION,
      collectedAt: new Date().toISOString(),
      tool: spec.tool,
      table: qualified(table),
      cumulative: spec.cumulative === true,
      migrations: spec.normalise(rows),
      ...(folder ? { folder } : {}),
      statements: session.statements,
    } satisfies MigrationsSnapshot);
  } catch (error) {
    if (error instanceof ProbeError) throw new ProbeError(redactor.scrub(error.message), { cause: error });
    const err = error as { code?: string; message?: string };
    const where = `${ctx.side} (${redactUrl(url)})`;
    if (ctx.signal.aborted) throw new ProbeError(`reading the migration history of ${where} did not finish within ${ctx.timeoutMs} ms`, { cause: error });
    const hint = err.code === "42501" || err.code === "ER_TABLEACCESS_DENIED_ERROR" ? " (grant SELECT on the history table to the audit user)" : "";
    throw new ProbeError(redactor.scrub(`reading the migration history of ${where} failed: ${err.message ?? String(error)}${hint}`), { cause: error });
  } finally {
    await session.close();
  }
}

function quote(dialect: Dialect, identifier: string): string {
  return dialect === "postgres" ? `"${identifier.replace(/"/g, '""')}"` : `\`${identifier.replace(/`/g, "``")}\``;
}

/**
 * SELECT of the columns the tool's reading needs, aliased to lower case (Liquibase's are upper
 * case on MySQL). Identifiers come from the catalog, quoted, never from the map's text.
 */
async function readRows(session: DatabaseSession, spec: ToolSpec, table: HistoryTable): Promise<Row[]> {
  const actual = new Map(table.columns.map((c) => [c.toLowerCase(), c]));
  const q = (id: string) => quote(session.dialect, id);
  const columns = spec.select.filter((c) => actual.has(c)).map((c) => `${q(actual.get(c)!)} AS ${q(c)}`);
  const order = spec.orderBy.filter((c) => actual.has(c)).map((c) => q(actual.get(c)!));
  const sql = `SELECT ${columns.join(", ")} FROM ${q(table.schema)}.${q(table.name)}${order.length ? ` ORDER BY ${order.join(", ")}` : ""} LIMIT ${MAX_HISTORY_ROWS + 1}`;
  const rows = await session.query<Row>(sql);
  if (rows.length > MAX_HISTORY_ROWS) {
    throw new ProbeError(`${qualified(table)} holds more than ${grouped(MAX_HISTORY_ROWS)} rows, which no migration history does (set table: to the right one)`);
  }
  return rows;
}
