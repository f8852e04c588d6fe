import mysql from "mysql2/promise";
import type { Connection, ConnectionOptions } from "mysql2/promise";
import { mysqlConnectionOptions } from "./driver-options.js";
import { assertReadOnlyStatement } from "./read-only-guard.js";
import { connectAborted, describeConnectError, untilAborted, type DatabaseSession, type SessionOptions } from "./session.js";

const ignore = (): undefined => undefined;

/** How long parity waits for its KILL QUERY to land before giving up on it. */
const KILL_TIMEOUT_MS = 2_000;

/** The privilege that makes a MariaDB/MySQL account a superuser (ALL PRIVILEGES lists it too). */
const ROLE_QUERY = `SELECT VERSION() AS v, CURRENT_USER() AS u, EXISTS (
    SELECT 1 FROM information_schema.USER_PRIVILEGES
     WHERE PRIVILEGE_TYPE = 'SUPER'
       AND GRANTEE = CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')
  ) AS s`;

export async function openMysql(url: string, options: SessionOptions): Promise<DatabaseSession> {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const connectOptions = mysqlConnectionOptions(url, { connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
  let connection: Connection;
  const connecting = mysql.createConnection(connectOptions);
  try {
    connection = await untilAborted(connecting, options.signal);
  } catch (error) {
    // Given up on (deadline, cancel): a connection that still opens later is closed at once.
    connecting.then((late) => late.destroy(), ignore);
    if (options.signal?.aborted) throw connectAborted(options.signal, error);
    throw describeConnectError(url, error);
  }
  connection.on("error", ignore);
  let active = 0;
  let stopping: Promise<void> | undefined;
  // Closing the socket alone leaves the server running the statement until it next writes to
  // the client: KILL QUERY it from a second connection first, then drop this one.
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (active > 0) await killQuery(connectOptions, connection.threadId);
      connection.destroy();
    })());
  const onAbort = (): void => void stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  let statements = 0;
  // mysql2's own per-query `timeout` keeps its timer after the connection dies (the process would
  // linger that long after a killed backend), so each statement gets a timer of our own.
  const send = async <Row>(sql: string, values: unknown[] = []): Promise<Row[]> => {
    statements++;
    active++;
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(Object.assign(new Error(`no answer within ${statementTimeout + 5_000} ms`), { code: "PROTOCOL_SEQUENCE_TIMEOUT" }));
        void stop();
      }, statementTimeout + 5_000);
    });
    try {
      const [rows] = await untilAborted(Promise.race([connection.query({ sql, values }), guard]), options.signal);
      return rows as Row[];
    } catch (error) {
      // A connection the server closed (KILL, restart) is done: drop it now rather than on exit.
      if ((error as { fatal?: boolean }).fatal) connection.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
      active--;
    }
  };

  let first: { v: string; u: string; s: unknown } | undefined;
  try {
    [first] = await send<{ v: string; u: string; s: unknown }>(ROLE_QUERY);
    const serverVersion = String(first?.v ?? "");
    const seconds = Math.max(1, Math.ceil((options.lockTimeoutMs ?? 5_000) / 1000));
    // MySQL and MariaDB spell the statement timeout differently (milliseconds vs seconds).
    await send(
      /mariadb/i.test(serverVersion)
        ? `SET SESSION max_statement_time = ${(statementTimeout / 1000).toFixed(3)}`
        : `SET SESSION max_execution_time = ${Math.round(statementTimeout)}`,
    );
    await send(`SET SESSION lock_wait_timeout = ${seconds}`);
    await send(`SET SESSION innodb_lock_wait_timeout = ${seconds}`);
    await send("START TRANSACTION READ ONLY");
  } catch (error) {
    options.signal?.removeEventListener("abort", onAbort);
    connection.destroy();
    if (options.signal?.aborted) throw connectAborted(options.signal, error);
    throw describeConnectError(url, error);
  }
  statements = 6;
  return {
    dialect: "mysql",
    serverVersion: String(first?.v ?? ""),
    role: { user: String(first?.u ?? ""), superuser: Number(first?.s) === 1 },
    get statements() {
      return statements;
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      options.signal?.throwIfAborted();
      assertReadOnlyStatement(sql);
      return send<Row>(sql, params);
    },
    async close() {
      options.signal?.removeEventListener("abort", onAbort);
      if (stopping) return stopping;
      await connection.query("ROLLBACK").catch(ignore);
      await connection.end().catch(() => connection.destroy());
    },
  };
}

/** `KILL QUERY` from a second, short-lived connection (an account may kill its own threads). */
async function killQuery(options: ConnectionOptions, threadId: number): Promise<void> {
  let killer: Connection | undefined;
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, KILL_TIMEOUT_MS).unref());
  const kill = (async () => {
    killer = await mysql.createConnection({ ...options, connectTimeout: KILL_TIMEOUT_MS });
    killer.on("error", ignore);
    await killer.query(`KILL QUERY ${Math.trunc(threadId)}`);
  })().catch(ignore);
  await Promise.race([kill, deadline]);
  killer?.destroy();
}
