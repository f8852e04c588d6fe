import type { Redis, RedisOptions } from "ioredis";
import { ProbeError } from "../../src/errors.js";
import { Redactor, redactUrl, urlSecrets } from "../../src/redact.js";
import { assertReadOnlyCommand } from "./read-only-commands.js";

/**
 * One bounded, read-only connection to a cache. Probes never see the client library: every
 * command goes through `send`, which refuses anything outside the allow-list before it is
 * written, and every wait (connect, each reply) has a deadline.
 */
export interface CacheSession {
  /** How many commands this session has sent, AUTH included (tests and benchmarks count them). */
  readonly commands: number;
  send(command: readonly string[]): Promise<unknown>;
  close(): void;
}

export interface CacheSessionOptions {
  signal: AbortSignal;
  /** Deadline for connecting and for each reply. */
  timeoutMs: number;
}

interface Endpoint {
  host: string;
  port: number;
  tls: boolean;
  username?: string;
  password?: string;
}

export function parseCacheUrl(url: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProbeError(`cache URL ${redactUrl(url)} is not a valid URL (expected redis://[:PASSWORD@]HOST[:PORT])`);
  }
  const scheme = parsed.protocol.replace(/:$/, "").toLowerCase();
  if (scheme !== "redis" && scheme !== "rediss") {
    throw new ProbeError(`unsupported cache URL scheme "${scheme}:" in ${redactUrl(url)} (use redis:// or rediss://)`);
  }
  if (!parsed.hostname) throw new ProbeError(`cache URL ${redactUrl(url)} names no host`);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : 6379,
    tls: scheme === "rediss",
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
}

export async function openCacheSession(url: string, options: CacheSessionOptions): Promise<CacheSession> {
  options.signal.throwIfAborted();
  const endpoint = parseCacheUrl(url);
  const where = redactUrl(url);
  const redactor = new Redactor().add(...urlSecrets(url), endpoint.password);
  const timeoutMs = Math.max(100, Math.min(options.timeoutMs, 10_000));
  // Loaded on first use, so an audit without a cache probe (and `--help`) never pays for it.
  // ioredis is CommonJS: Node's loader finds its named `Redis` export, but the esbuild bundle's
  // chunk for it exports only `default` (module.exports), so take the class from either.
  const ioredis = await import("ioredis");
  const RedisClient = ioredis.Redis ?? ioredis.default.Redis;
  const settings: RedisOptions = {
    host: endpoint.host,
    port: endpoint.port,
    ...(endpoint.tls ? { tls: { servername: endpoint.host } } : {}),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // A dead or refusing server is an error at once: no reconnecting, no queue of commands
    // waiting for a connection that will not come, no retries of a command.
    retryStrategy: () => null,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Nothing but the allow-list on the wire: no INFO ready check, no CLIENT SETINFO, no
    // SELECT. AUTH is sent by us, not the library (which would print a warning to stdout
    // when a server needs no password).
    enableReadyCheck: false,
    disableClientInfo: true,
    db: 0,
  };
  const client: Redis = new RedisClient(settings);
  let lastError: Error | undefined;
  client.on("error", (error: Error) => {
    lastError = error;
  });
  const onAbort = () => client.disconnect();
  options.signal.addEventListener("abort", onAbort, { once: true });
  let commands = 0;

  const fail = (step: string, error: unknown): ProbeError => {
    const reason = describeError(error, lastError, step, timeoutMs, options.signal);
    return new ProbeError(redactor.scrub(`cache ${where}: ${reason}`), { cause: error });
  };
  const send = async (command: readonly string[]): Promise<unknown> => {
    assertReadOnlyCommand(command);
    options.signal.throwIfAborted();
    commands++;
    const [name, ...args] = command;
    return client.call(name!, ...args);
  };

  try {
    await client.connect();
    if (endpoint.password !== undefined) {
      try {
        await send(endpoint.username ? ["AUTH", endpoint.username, endpoint.password] : ["AUTH", endpoint.password]);
      } catch (error) {
        // A password the server does not need is harmless: go on without it.
        if (!/without any password configured|no password is set/i.test(String((error as Error).message))) throw error;
      }
    }
  } catch (error) {
    options.signal.removeEventListener("abort", onAbort);
    client.disconnect();
    throw fail(endpoint.password === undefined ? "connect" : "AUTH", error);
  }

  return {
    get commands() {
      return commands;
    },
    async send(command) {
      try {
        return await send(command);
      } catch (error) {
        if (error instanceof ProbeError) throw error;
        throw fail(command.slice(0, 2).join(" "), error);
      }
    },
    close() {
      options.signal.removeEventListener("abort", onAbort);
      client.disconnect();
    },
  };
}

/** One sentence for what went wrong, from the reply or from the connection's last error. */
function describeError(error: unknown, lastError: Error | undefined, step: string, timeoutMs: number, signal: AbortSignal): string {
  if (signal.aborted) return `${step} was stopped: the probe's deadline passed`;
  const message = String((error as Error)?.message ?? error);
  const connection = lastError?.message ?? "";
  const code = (lastError as NodeJS.ErrnoException | undefined)?.code;
  if (/^WRONGPASS/.test(connection) || /^WRONGPASS/.test(message)) return "the server refused the password (WRONGPASS); check the password in cache.url";
  if (/^NOAUTH/.test(message)) return "the server requires a password and cache.url gives none (redis://:${PASSWORD}@host:port)";
  if (/^NOPERM/.test(message)) return `the user may not run ${step} (${message.split("\n")[0]})`;
  if (code === "ECONNREFUSED") return "the connection was refused (is the server running, on that port?)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve";
  if (code === "ETIMEDOUT" || /connect ETIMEDOUT/.test(connection)) return `did not accept the connection within ${timeoutMs} ms`;
  if (/Command timed out/i.test(message)) return `did not answer ${step} within ${timeoutMs} ms`;
  if (/Protocol error/i.test(message) || /Protocol error/i.test(connection)) return "answered something that is not the Redis protocol (is this port a cache?)";
  if (/Connection is closed/i.test(message)) return `the server closed the connection before answering ${step} (is this a Redis-protocol port?)`;
  return `${step} failed: ${message.split("\n")[0]}`;
}
