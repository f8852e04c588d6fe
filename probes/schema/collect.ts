import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { ProbeError } from "../../src/errors.js";
import { Redactor, redactUrl, urlSecrets } from "../../src/redact.js";
import { openSession } from "../database/session.js";
import type { SchemaOptions, SchemaSnapshot } from "./types.js";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./types.js";
import { collectPostgres } from "./postgres.js";
import { collectMysql } from "./mysql.js";
import { byText } from "./compare.js";

/**
 * How long a catalog query may wait for a lock: DDL running on production must not hang the
 * audit. Catalog reads are MVCC, but deparsing a view (pg_get_viewdef) opens the tables it
 * reads, so an uncommitted ALTER TABLE on one of them makes the probe wait.
 */
const LOCK_TIMEOUT_MS = 5_000;

/** One side: one connection, one read-only transaction, the catalog queries one after the other. */
export async function collectSchema(env: Environment, ctx: CollectContext<SchemaOptions>): Promise<SchemaSnapshot> {
  const url = env.database?.url;
  if (!url) throw new ProbeError(`environment "${env.name}" has no database.url (or database.snapshot) for the schema probe`);
  const redactor = new Redactor().add(...urlSecrets(url));
  const session = await openSession(url, {
    signal: ctx.signal,
    statementTimeoutMs: ctx.timeoutMs,
    // Shorter than the statement timeout, so a lock wait is named as such in the error.
    lockTimeoutMs: Math.min(LOCK_TIMEOUT_MS, Math.max(100, Math.floor(ctx.timeoutMs / 2))),
    connectTimeoutMs: Math.min(10_000, ctx.timeoutMs),
  });
  try {
    const collected =
      session.dialect === "postgres"
        ? await collectPostgres(session, ctx.options.schemas)
        : await collectMysql(session, ctx.options.schemas);
    collected.objects.sort((a, b) => byText(a.kind, b.kind) || byText(a.name, b.name));
    return redactor.scrubValue({
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      dialect: session.dialect,
      serverVersion: session.serverVersion,
      collectedAt: new Date().toISOString(),
      statements: session.statements,
      session: session.role,
      ...collected,
    });
  } catch (error) {
    throw queryError(error, url, ctx, redactor);
  } finally {
    await session.close();
  }
}

const TIMEOUT_CODES = new Set(["57014", "ER_STATEMENT_TIMEOUT", "ER_QUERY_TIMEOUT", "PROTOCOL_SEQUENCE_TIMEOUT"]);
const LOCK_CODES = new Set(["55P03", "ER_LOCK_WAIT_TIMEOUT"]);

/** Driver errors become one clear, secret-free sentence naming the side and what to do. */
function queryError(error: unknown, url: string, ctx: CollectContext<SchemaOptions>, redactor: Redactor): ProbeError {
  if (error instanceof ProbeError) return error;
  const err = error as { code?: string; message?: string };
  const where = `${ctx.side} (${redactUrl(url)})`;
  const detail = redactor.scrub((err.message ?? String(error)).split(url).join(redactUrl(url)));
  if (ctx.signal.aborted) {
    return new ProbeError(`schema collection on ${where} did not finish within ${ctx.timeoutMs} ms`, { cause: error });
  }
  if (err.code && LOCK_CODES.has(err.code)) {
    return new ProbeError(`a catalog query on ${where} waited too long for a lock (an ALTER or LOCK running there?): ${detail}`, { cause: error });
  }
  if (err.code && TIMEOUT_CODES.has(err.code)) {
    return new ProbeError(`a catalog query on ${where} exceeded the ${ctx.timeoutMs} ms timeout: ${detail}`, { cause: error });
  }
  return new ProbeError(`reading the schema of ${where} failed: ${detail}${err.code ? ` (${err.code})` : ""}`, { cause: error });
}
