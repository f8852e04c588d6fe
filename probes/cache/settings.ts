import type { Dimension, Severity } from "../../src/types.js";
import type { Info } from "./info.js";

/**
 * Settings that describe the host, not the behaviour an application sees: paths, ports,
 * addresses, process supervision, CPU pinning. They differ between any two machines and say
 * nothing about parity, so they are never collected.
 */
const HOST_SPECIFIC = new Set([
  "dir", "dbfilename", "appendfilename", "appenddirname", "pidfile", "logfile", "unixsocket", "unixsocketperm",
  "aclfile", "cluster-config-file", "port", "tls-port", "bind", "bind-source-addr", "cluster-port",
  "replicaof", "slaveof", "replica-announce-ip", "replica-announce-port", "slave-announce-ip", "slave-announce-port",
  "socket-mark-id", "daemonize", "supervised", "syslog-enabled", "syslog-ident", "syslog-facility", "set-proc-title",
  "proc-title-template", "always-show-logo", "server_cpulist", "bio_cpulist", "aof_rewrite_cpulist", "bgsave_cpulist",
  "oom-score-adj", "oom-score-adj-values", "disable-thp", "crash-log-enabled", "crash-memcheck-enabled",
]);
const HOST_SPECIFIC_PREFIXES = ["cluster-announce-", "tls-ca-cert", "tls-cert-file", "tls-key-file", "tls-client-cert-file", "tls-client-key-file", "tls-dh-params-file"];

/** Passwords and the like: never collected, not even as a hash (they are meant to differ). */
const SECRET = /pass|secret|masterauth|masteruser|requirepass/i;

/** Old names CONFIG GET * still returns next to the new ones; comparing both would say everything twice. */
const ALIASES: Array<[RegExp, string]> = [
  [/^slave-/, "replica-"],
  [/^min-slaves-/, "min-replicas-"],
  [/^cluster-slave-/, "cluster-replica-"],
  [/^repl-ping-slave-period$/, "repl-ping-replica-period"],
  [/-ziplist-/, "-listpack-"],
];

export function isCollected(name: string): boolean {
  if (HOST_SPECIFIC.has(name) || HOST_SPECIFIC_PREFIXES.some((p) => name.startsWith(p))) return false;
  return !SECRET.test(name);
}

/** CONFIG GET *'s flat [name, value, name, value …] reply → the settings worth comparing. */
export function settingsFromConfig(reply: unknown): Record<string, string> {
  const pairs: Record<string, string> = {};
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) pairs[String(reply[i])] = String(reply[i + 1]);
  } else if (reply && typeof reply === "object") {
    for (const [k, v] of Object.entries(reply)) pairs[k] = String(v); // a RESP3 map
  }
  const settings: Record<string, string> = {};
  for (const name of Object.keys(pairs).sort()) {
    if (!isCollected(name)) continue;
    const alias = ALIASES.find(([pattern]) => pattern.test(name));
    if (alias && name.replace(alias[0], alias[1]) in pairs) continue;
    settings[name] = pairs[name]!;
  }
  return settings;
}

/** What INFO reports of the configuration, for servers where CONFIG cannot be used. */
export function settingsFromInfo(info: Info): Record<string, string> {
  const f = info.fields;
  const yesNo = (v: string | undefined) => (v === undefined ? undefined : v === "1" ? "yes" : "no");
  const found: Record<string, string | undefined> = {
    "appendonly": yesNo(f.aof_enabled),
    "cluster-enabled": yesNo(f.cluster_enabled),
    "hz": f.configured_hz,
    "maxclients": f.maxclients,
    "maxmemory": f.maxmemory,
    "maxmemory-policy": f.maxmemory_policy,
  };
  return Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => e[1] !== undefined));
}

interface Weight {
  severity: Severity;
  dimension?: Dimension;
  /** Why it matters, in one clause for the message. */
  why?: string;
}

/** How much a differing setting matters; anything not listed is low. */
const WEIGHTS: Record<string, Weight> = {
  "maxmemory-policy": { severity: "high", why: "what happens when memory runs out (evict which keys, or refuse writes)" },
  "notify-keyspace-events": { severity: "medium", why: "which keyspace notifications subscribers receive" },
  "maxmemory": { severity: "low", why: "when eviction starts" },
  "timeout": { severity: "medium", why: "idle client connections are closed after this many seconds" },
  "databases": { severity: "medium", why: "SELECT of a database beyond it fails" },
  "appendonly": { severity: "medium", why: "what survives a restart" },
  "appendfsync": { severity: "medium", why: "how much a crash can lose" },
  "save": { severity: "medium", why: "what survives a restart" },
  "maxclients": { severity: "medium", why: "connections beyond it are refused" },
  "cluster-enabled": { severity: "high", why: "multi-key commands across slots fail in cluster mode" },
  "stop-writes-on-bgsave-error": { severity: "medium", why: "writes fail after a failed snapshot" },
  "lua-time-limit": { severity: "medium", why: "when a long script makes the server answer BUSY" },
  "busy-reply-threshold": { severity: "medium", why: "when a long script makes the server answer BUSY" },
  "proto-max-bulk-len": { severity: "medium", why: "the largest value a command may carry" },
  "client-output-buffer-limit": { severity: "medium", why: "when slow subscribers and replicas are disconnected" },
  "client-query-buffer-limit": { severity: "medium", why: "the largest command a client may send" },
  "min-replicas-to-write": { severity: "medium", why: "writes are refused without enough replicas" },
  "replica-read-only": { severity: "medium", why: "whether writes to a replica are refused" },
  "maxmemory-clients": { severity: "medium", why: "when client connections are evicted" },
  "protected-mode": { severity: "medium", dimension: "security", why: "whether connections from other hosts are refused without a password" },
  "acl-pubsub-default": { severity: "medium", dimension: "security", why: "which channels a new ACL user may use" },
  "enable-debug-command": { severity: "low", dimension: "security" },
  "enable-module-command": { severity: "low", dimension: "security" },
  "enable-protected-configs": { severity: "low", dimension: "security" },
  "tls-auth-clients": { severity: "low", dimension: "security" },
  "tls-protocols": { severity: "low", dimension: "security" },
};

export function weightOf(name: string, staging: string, production: string): Weight {
  const weight = WEIGHTS[name] ?? { severity: "low" };
  // Keyspace notifications off on one side: an application listening for expirations hears nothing there.
  if (name === "notify-keyspace-events" && (staging === "") !== (production === "")) return { ...weight, severity: "high" };
  // Unlimited on one side only: staging never evicts (or never refuses) where production does.
  if (name === "maxmemory" && (staging === "0") !== (production === "0")) return { ...weight, severity: "medium" };
  return weight;
}
