import type { ClientConfig } from "pg";
import type { ConnectionOptions } from "mysql2/promise";
import { ProbeError } from "../../src/errors.js";
import { redactUrl } from "../../src/redact.js";

/**
 * Driver options built from a database URL with parity's safety options applied *after* the
 * URL's. Both drivers let the URL win over options passed in code (mysql2 skips a falsy option
 * it was given when the URL sets it; pg lets `connectionString` override the config), so a URL
 * ending in `?multipleStatements=true` would quietly turn off what keeps a session to one
 * statement. Only options that choose *where and how to connect* (host, credentials, TLS) are
 * kept from the URL; everything that changes what a session may do is parity's.
 */

export interface ConnectLimits {
  connectTimeoutMs: number;
}

/** mysql2 URL options that only choose how to reach and authenticate with the server. */
const MYSQL_URL_OPTIONS = new Set(["ssl", "charset", "compress", "socketPath", "localAddress", "enableCleartextPlugin", "insecureAuth"]);

export function mysqlConnectionOptions(url: string, limits: ConnectLimits): ConnectionOptions {
  const parsed = parseUrl(url);
  const options: ConnectionOptions = {
    host: decodeURIComponent(parsed.hostname.replace(/^\[(.*)\]$/, "$1")) || "localhost",
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    database: decodeURIComponent(parsed.pathname.slice(1)) || undefined,
  };
  for (const [key, raw] of parsed.searchParams) {
    if (!MYSQL_URL_OPTIONS.has(key)) continue;
    // mysql2 reads URL values as JSON when they parse (ssl={"rejectUnauthorized":true}); so do we.
    (options as Record<string, unknown>)[key] = jsonOrText(raw);
  }
  return {
    ...options,
    connectTimeout: limits.connectTimeoutMs,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    // Forced, whatever the URL said: one statement per query, and the server may never ask
    // parity for a local file (LOAD DATA LOCAL INFILE). The URL's `flags` are dropped above;
    // these remove the two capabilities from mysql2's defaults.
    multipleStatements: false,
    flags: ["-MULTI_STATEMENTS", "-LOCAL_FILES"],
    infileStreamFactory: undefined,
  };
}

/**
 * pg URL options that only choose how to reach and authenticate with the server. Dropped on
 * purpose: `options` (`-c name=value` would change the session's defaults and falsify the schema
 * probe's view of the database's own settings), `replication` (a walsender accepts replication
 * commands), `statement_timeout`/`lock_timeout`/`idle_in_transaction_session_timeout`/
 * `query_timeout` (parity sets its own), `binary` and `application_name`.
 */
const PG_URL_OPTIONS = new Set(["host", "port", "user", "password", "db", "encoding", "client_encoding", "ssl", "sslmode", "sslcert", "sslkey", "sslrootcert", "sslnegotiation", "uselibpqcompat"]);

export function postgresClientConfig(url: string, limits: ConnectLimits & { statementTimeoutMs: number }): ClientConfig {
  if (process.env.PGREPLICATION) {
    throw new ProbeError("PGREPLICATION is set in the environment: parity never opens a replication connection (unset it for the audit)");
  }
  const parsed = parseUrl(url);
  const dropped = [...parsed.searchParams.keys()].filter((key) => !PG_URL_OPTIONS.has(key));
  for (const key of dropped) parsed.searchParams.delete(key);
  return {
    // Untouched when nothing is dropped: pg's own parser reads the URL exactly as the user wrote it.
    connectionString: dropped.length ? parsed.toString() : url,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    // A client-side guard in case the server ignores statement_timeout (e.g. a stuck network).
    query_timeout: limits.statementTimeoutMs + 5_000,
    application_name: "parity",
    // pg falls back to PGOPTIONS from the environment when no options are given: give it a
    // harmless one, so a shell's PGOPTIONS cannot loosen the session either.
    options: "-c application_name=parity",
  };
}

function parseUrl(url: string): URL {
  try {
    return new URL(url.replace(/^mariadb:/i, "mysql:"));
  } catch {
    throw new ProbeError(`the database URL ${redactUrl(url)} is not a valid URL`);
  }
}

function jsonOrText(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
