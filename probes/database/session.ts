import type { Connection } from "mysql2/promise";
import { redactUrl } from "../../src/redact.js";
import { ProbeError } from "../../src/errors.js";
import { assertReadOnlyStatement } from "./read-only-guard.js";

export type Dialect = "postgres" | "mysql";

/**
 * One read-only, time-bounded session on a target database. Probes never see a driver:
 * every statement goes through `query`, inside one read-only transaction, so nothing a probe
 * sends can change data or schema, and every statement has a timeout.
 */
export interface DatabaseSession {
  dialect: Dialect;
  /** Server version as the server reports it (e.g. "15.19", "10.11.19-MariaDB"). */
  serverVersion: string;
  /** How many statements this session has sent (benchmarks and tests count them). */
  readonly statements: number;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export interface SessionOptions {
  signal?: AbortSignal;
  /** Per-statement timeout. */
  statementTimeoutMs?: number;
  /** How long to wait for a lock before giving up (a DDL lock on production must not hang us). */
  lockTimeoutMs?: number;
  connectTimeoutMs?: number;
}

export function dialectOf(url: string): Dialect {
  const colon = url.indexOf(":");
  const scheme = colon >= 0 && /^[a-z][a-z0-9+.-]*$/i.test(url.slice(0, colon)) ? url.slice(0, colon).toLowerCase() : "";
  if (scheme === "postgres" || scheme === "postgresql") return "postgres";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  const what = scheme ? `unsupported database URL scheme "${scheme}:"` : "database URL without a scheme";
  throw new ProbeError(`${what} in ${redactUrl(url)} (use postgres://, postgresql:// or mysql://)`);
}

export async function openSession(url: string, options: SessionOptions = {}): Promise<DatabaseSession> {
  options.signal?.throwIfAborted();
  const dialect = dialectOf(url);
  return dialect === "postgres" ? openPostgres(url, options) : openMysql(url, options);
}

/** Driver errors name hosts and users but can echo the URL; keep only the safe part. */
function describeConnectError(url: string, error: unknown): ProbeError {
  const err = error as { code?: string; message?: string };
  const where = redactUrl(url);
  const code = err.code ? ` (${err.code})` : "";
  const message = (err.message ?? String(error)).split(url).join(where);
  return new ProbeError(`cannot connect to ${where}: ${message}${code}`, { cause: error });
}

async function openPostgres(url: string, options: SessionOptions): Promise<DatabaseSession> {
  // Drivers load on first use: a PostgreSQL audit never pays for mysql2 (~150 ms), nor `--help` for either.
  const { default: pg } = await import("pg");
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // A client-side guard in case the server ignores statement_timeout (e.g. a stuck network).
    query_timeout: statementTimeout + 5_000,
    application_name: "parity",
  });
  client.on("error", () => undefined); // a dropped connection surfaces on the next query instead
  const onAbort = () => void client.end().catch(() => undefined);
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await client.connect();
    // SET LOCAL, not connection options: settings passed at connect time would show up as the
    // session's reset values and hide the database's own defaults from the schema probe.
    await client.query("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${Math.round(statementTimeout)}`);
    await client.query(`SET LOCAL lock_timeout = ${Math.round(options.lockTimeoutMs ?? 5_000)}`);
    await client.query("SET LOCAL idle_in_transaction_session_timeout = 60000");
  } catch (error) {
    options.signal?.removeEventListener("abort", onAbort);
    await client.end().catch(() => undefined);
    if (options.signal?.aborted) throw new ProbeError("timed out while connecting", { cause: error });
    throw describeConnectError(url, error);
  }
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "";
  let statements = 5;
  return {
    dialect: "postgres",
    serverVersion: version,
    get statements() {
      return statements;
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      options.signal?.throwIfAborted();
      assertReadOnlyStatement(sql);
      statements++;
      // The extended protocol runs exactly one statement: "SELECT 1; COMMIT; DROP …" cannot
      // smuggle a second one past the guard.
      const result = await client.query({ text: sql, values: params, queryMode: "extended" } as import("pg").QueryConfig);
      return result.rows as Row[];
    },
    async close() {
      options.signal?.removeEventListener("abort", onAbort);
      await client.query("ROLLBACK").catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

async function openMysql(url: string, options: SessionOptions): Promise<DatabaseSession> {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const { default: mysql } = await import("mysql2/promise");
  let connection: Connection;
  try {
    connection = await mysql.createConnection({
      uri: url.replace(/^mariadb:/i, "mysql:"),
      connectTimeout: options.connectTimeoutMs ?? 10_000,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      multipleStatements: false,
    });
  } catch (error) {
    throw describeConnectError(url, error);
  }
  connection.on("error", () => undefined);
  const onAbort = () => connection.destroy();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const [versionRows] = await connection.query("SELECT VERSION() AS v");
  const serverVersion = String((versionRows as Array<{ v: string }>)[0]?.v ?? "");
  const isMariaDb = /mariadb/i.test(serverVersion);
  const seconds = Math.max(1, Math.ceil((options.lockTimeoutMs ?? 5_000) / 1000));
  // MySQL and MariaDB spell the statement timeout differently (milliseconds vs seconds).
  await connection.query(
    isMariaDb
      ? `SET SESSION max_statement_time = ${(statementTimeout / 1000).toFixed(3)}`
      : `SET SESSION max_execution_time = ${Math.round(statementTimeout)}`,
  );
  await connection.query(`SET SESSION lock_wait_timeout = ${seconds}`);
  await connection.query(`SET SESSION innodb_lock_wait_timeout = ${seconds}`);
  await connection.query("START TRANSACTION READ ONLY");
  let statements = 6;
  return {
    dialect: "mysql",
    serverVersion,
    get statements() {
      return statements;
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      options.signal?.throwIfAborted();
      assertReadOnlyStatement(sql);
      statements++;
      const [rows] = await connection.query({ sql, values: params, timeout: statementTimeout + 5_000 });
      return rows as Row[];
    },
    async close() {
      options.signal?.removeEventListener("abort", onAbort);
      await connection.query("ROLLBACK").catch(() => undefined);
      await connection.end().catch(() => connection.destroy());
    },
  };
}
