import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { ProbeError } from "../../src/errors.js";
import { Redactor, urlSecrets } from "../../src/redact.js";
import { parseInfo } from "./info.js";
import { openCacheSession, type CacheSession } from "./session.js";
import { settingsFromConfig, settingsFromInfo } from "./settings.js";
import type { CacheTarget } from "./target.js";
import { CACHE_SNAPSHOT_FORMAT, CACHE_SNAPSHOT_VERSION, type CacheOptions, type CacheServer, type CacheSnapshot } from "./types.js";

/**
 * Commands that hardening guides and managed services rename or disable, and that
 * applications or their libraries call (Spring Session runs CONFIG SET notify-keyspace-events
 * at start-up; job queues use EVAL; test suites FLUSHDB). COMMAND INFO answers nil for each
 * one the server does not know under its own name.
 */
export const WATCHED_COMMANDS = [
  "ACL", "BGREWRITEAOF", "BGSAVE", "CLIENT", "CLUSTER", "CONFIG", "DEBUG", "EVAL", "EVALSHA", "FLUSHALL",
  "FLUSHDB", "FUNCTION", "KEYS", "LATENCY", "MIGRATE", "MODULE", "MONITOR", "OBJECT", "PSYNC", "REPLICAOF",
  "SAVE", "SCRIPT", "SHUTDOWN", "SLAVEOF", "SLOWLOG", "SWAPDB", "SYNC", "WAIT",
] as const;

/** One side: INFO, CONFIG GET * (or INFO's view where CONFIG cannot be used) and COMMAND INFO. Three commands. */
export async function collectCache(env: Environment, ctx: CollectContext<CacheOptions>): Promise<CacheSnapshot> {
  const target = env.cache as CacheTarget | undefined;
  const url = target?.url;
  if (!url) throw new ProbeError(`environment "${env.name}" has no cache.url (or cache.snapshot) for the cache probe`);
  const redactor = new Redactor().add(...urlSecrets(url));
  const session = await openCacheSession(url, { signal: ctx.signal, timeoutMs: ctx.timeoutMs });
  try {
    const info = parseInfo(String(await session.send(["INFO"])));
    const config = await readConfig(session);
    const missingCommands = await readMissingCommands(session);
    return redactor.scrubValue({
      format: CACHE_SNAPSHOT_FORMAT,
      version: CACHE_SNAPSHOT_VERSION,
      collectedAt: new Date().toISOString(),
      server: serverOf(info.fields),
      settingsFrom: config.ok ? "config" : "info",
      ...(config.ok ? {} : { configProblem: config.problem }),
      settings: config.ok ? config.settings : settingsFromInfo(info),
      modules: info.modules,
      missingCommands,
      commands: session.commands,
    } satisfies CacheSnapshot);
  } finally {
    session.close();
  }
}

type ConfigRead = { ok: true; settings: Record<string, string> } | { ok: false; problem: string };

/** CONFIG GET *, or why it cannot be used here: renamed or disabled (unknown command) or denied by ACL. */
async function readConfig(session: CacheSession): Promise<ConfigRead> {
  try {
    return { ok: true, settings: settingsFromConfig(await session.send(["CONFIG", "GET", "*"])) };
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    const reply = String(cause?.message ?? "");
    if (/^ERR unknown command/i.test(reply)) return { ok: false, problem: "CONFIG is disabled or renamed (rename-command)" };
    if (/^NOPERM/i.test(reply)) return { ok: false, problem: "the user may not run CONFIG GET (ACL)" };
    throw error;
  }
}

async function readMissingCommands(session: CacheSession): Promise<string[] | null> {
  try {
    const reply = await session.send(["COMMAND", "INFO", ...WATCHED_COMMANDS]);
    if (!Array.isArray(reply)) return null;
    return WATCHED_COMMANDS.filter((_, i) => reply[i] === null || reply[i] === undefined);
  } catch (error) {
    const reply = String((error as { cause?: Error }).cause?.message ?? "");
    if (/^ERR unknown command|^NOPERM/i.test(reply)) return null;
    throw error;
  }
}

function serverOf(fields: Record<string, string>): CacheServer {
  // Valkey and Dragonfly report a redis_version for compatibility and their own version beside it.
  const software = fields.server_name ?? (fields.dragonfly_version ? "dragonfly" : "redis");
  return {
    software,
    version: fields.valkey_version ?? fields.dragonfly_version ?? fields.redis_version ?? "unknown",
    mode: fields.redis_mode ?? fields.server_mode ?? "standalone",
    role: fields.role ?? "unknown",
  };
}
