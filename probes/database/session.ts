import { redactUrl } from "../../src/redact.js";
import { CancelledError, ProbeError } from "../../src/errors.js";

export type Dialect = "postgres" | "mysql";

/** Who the session runs as: a superuser can do what no read-only transaction covers. */
export interface SessionRole {
  /** The role (PostgreSQL) or account (MariaDB, `user@host`) the server says the session has. */
  user: string;
  /** PostgreSQL `rolsuper`; MariaDB/MySQL the global SUPER privilege (ALL PRIVILEGES includes it). */
  superuser: boolean;
}

/**
 * One read-only, time-bounded session on a target database. Probes never see a driver:
 * every statement goes through `query`, inside one read-only transaction, so nothing a probe
 * sends can change data or schema, and every statement has a timeout. Aborting the signal
 * cancels the running statement on the server (not just the client's wait) and closes the session.
 */
export interface DatabaseSession {
  dialect: Dialect;
  /** Server version as the server reports it (e.g. "15.19", "10.11.19-MariaDB"). */
  serverVersion: string;
  role: SessionRole;
  /** How many statements this session has sent (benchmarks and tests count them). */
  readonly statements: number;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Ends the transaction and the connection; after an abort, waits until the server let go of the statement. */
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
  // Drivers load on first use: a PostgreSQL audit never pays for mysql2 (~150 ms), nor `--help` for either.
  if (dialect === "postgres") return (await import("./postgres-session.js")).openPostgres(url, options);
  return (await import("./mysql-session.js")).openMysql(url, options);
}

/** Driver errors name hosts and users but can echo the URL; keep only the safe part. */
export function describeConnectError(url: string, error: unknown): ProbeError {
  if (error instanceof ProbeError) return error;
  const err = error as { code?: string; message?: string };
  const where = redactUrl(url);
  const code = err.code ? ` (${err.code})` : "";
  const message = (err.message ?? String(error)).split(url).join(where);
  return new ProbeError(`cannot connect to ${where}: ${message}${code}`, { cause: error });
}

/** The error for a connect that the probe's deadline or a cancelled audit cut short. */
export function connectAborted(signal: AbortSignal, error: unknown): ProbeError {
  if (signal.reason instanceof CancelledError) return signal.reason;
  return new ProbeError("timed out while connecting", { cause: error });
}

/**
 * Rejects with the signal's reason as soon as it aborts, whatever the driver does: the session's
 * own abort handler cancels the statement on the server, this only stops the caller's wait.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
