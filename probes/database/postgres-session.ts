import pg from "pg";
import { postgresClientConfig } from "./driver-options.js";
import { assertReadOnlyStatement } from "./read-only-guard.js";
import { connectAborted, describeConnectError, untilAborted, type DatabaseSession, type SessionOptions } from "./session.js";

const ignore = (): undefined => undefined;

/** How long parity waits for its cancel request to land before giving up on it. */
const CANCEL_TIMEOUT_MS = 2_000;

export async function openPostgres(url: string, options: SessionOptions): Promise<DatabaseSession> {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const config = postgresClientConfig(url, { connectTimeoutMs: options.connectTimeoutMs ?? 10_000, statementTimeoutMs: statementTimeout });
  const client = new pg.Client(config);
  client.on("error", ignore); // a dropped connection surfaces on the next query instead
  let pid: number | undefined;
  let active = 0;
  let stopping: Promise<void> | undefined;
  // Closing the socket alone leaves the backend running its statement until it next writes to
  // the client (up to the statement timeout): cancel it on the server first, then close.
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      const cancelled = active > 0 && pid !== undefined ? cancelBackend(config, pid) : Promise.resolve();
      await Promise.all([cancelled, client.end().catch(ignore)]);
    })());
  const onAbort = (): void => void stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let first: { v: string; u: string; s: boolean; pid: number } | undefined;
  try {
    await client.connect();
    // SET LOCAL, not connection options: settings passed at connect time would show up as the
    // session's reset values and hide the database's own defaults from the schema probe.
    await client.query("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET LOCAL statement_timeout = ${Math.round(statementTimeout)}`);
    await client.query(`SET LOCAL lock_timeout = ${Math.round(options.lockTimeoutMs ?? 5_000)}`);
    await client.query("SET LOCAL idle_in_transaction_session_timeout = 60000");
    first = (
      // PostgreSQL 14+ can notice a vanished client while a statement runs: if parity dies (a
      // second Ctrl-C, SIGKILL), its statement still ends within a second instead of running on.
      await client.query<{ v: string; u: string; s: boolean; pid: number }>(
        `SELECT current_setting('server_version') AS v, current_user AS u, pg_backend_pid() AS pid,
                coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user), false) AS s,
                CASE WHEN current_setting('server_version_num')::int >= 140000
                     THEN set_config('client_connection_check_interval', '1000', true) END AS checks`,
      )
    ).rows[0];
    pid = first?.pid;
  } catch (error) {
    options.signal?.removeEventListener("abort", onAbort);
    await client.end().catch(ignore);
    if (options.signal?.aborted) throw connectAborted(options.signal, error);
    throw describeConnectError(url, error);
  }
  let statements = 5;
  return {
    dialect: "postgres",
    serverVersion: first?.v ?? "",
    role: { user: first?.u ?? "", superuser: first?.s === true },
    get statements() {
      return statements;
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      options.signal?.throwIfAborted();
      assertReadOnlyStatement(sql);
      statements++;
      active++;
      try {
        // The extended protocol runs exactly one statement: "SELECT 1; COMMIT; DROP …" cannot
        // smuggle a second one past the guard.
        const result = await untilAborted(client.query({ text: sql, values: params, queryMode: "extended" } as pg.QueryConfig), options.signal);
        return result.rows as Row[];
      } finally {
        active--;
      }
    },
    async close() {
      options.signal?.removeEventListener("abort", onAbort);
      if (stopping) return stopping;
      await client.query("ROLLBACK").catch(ignore);
      await client.end().catch(ignore);
    },
  };
}

/**
 * Cancels the backend's running statement from a second, short-lived connection
 * (`pg_cancel_backend` works for the session's own role without any extra privilege).
 */
async function cancelBackend(config: pg.ClientConfig, pid: number): Promise<void> {
  const canceller = new pg.Client({ ...config, connectionTimeoutMillis: CANCEL_TIMEOUT_MS, query_timeout: CANCEL_TIMEOUT_MS });
  canceller.on("error", ignore);
  try {
    await canceller.connect();
    await canceller.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The statement may have ended meanwhile, or the server is gone: nothing left to cancel.
  } finally {
    await canceller.end().catch(ignore);
  }
}
