import { createServer, type Server, type Socket } from "node:net";
import type { StartDemoPart } from "./part.js";

/**
 * The demo's session caches: two tiny in-process servers speaking the Redis protocol (RESP2),
 * so `npm run demo` needs no redis-server installed. They answer the handful of commands the
 * cache probe sends (AUTH, INFO, CONFIG GET, COMMAND INFO/COUNT, MODULE LIST) from a settings
 * map, and refuse the rest as a real server with those commands renamed would. Hand-written:
 * the npm Redis mocks live inside the client process, and the probe must talk over a socket.
 *
 * The story:
 * - staging evicts least-recently-used keys when full (allkeys-lru); production refuses
 *   writes (noeviction): a session store that works in staging fails writes in production;
 * - production is a managed cache with CONFIG disabled: the probe falls back to INFO there
 *   and says which settings it could not compare (the map declares it);
 * - production needs a password, which only ever comes from a variable and is never printed.
 */

type Side = "staging" | "production";

const COMMON: Record<string, string> = {
  "maxmemory-samples": "5",
  "appendonly": "no",
  "appendfsync": "everysec",
  "save": "3600 1 300 100 60 10000",
  "databases": "16",
  "hz": "10",
  "maxclients": "10000",
  "tcp-keepalive": "300",
  "lazyfree-lazy-eviction": "no",
  "protected-mode": "yes",
  "cluster-enabled": "no",
  "lua-time-limit": "5000",
  "busy-reply-threshold": "5000",
  "replica-read-only": "yes",
  "proto-max-bulk-len": "536870912",
  "client-output-buffer-limit": "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
  "dir": "/var/lib/redis",
  "pidfile": "/var/run/redis/redis-server.pid",
  "port": "6379",
};

interface SideSpec {
  version: string;
  settings: Record<string, string>;
  renamed: string[];
  password?: string;
}

const SIDES: Record<Side, SideSpec> = {
  staging: {
    version: "7.2.4",
    settings: { ...COMMON, "maxmemory": "268435456", "maxmemory-policy": "allkeys-lru", "notify-keyspace-events": "xE", "timeout": "300" },
    renamed: [],
  },
  production: {
    version: "7.2.4",
    settings: { ...COMMON, "maxmemory": "2147483648", "maxmemory-policy": "noeviction", "notify-keyspace-events": "", "timeout": "0" },
    renamed: ["CONFIG", "FLUSHALL"],
    password: "demo-cache-password-3d9f",
  },
};

type Reply = { simple: string } | { error: string } | { integer: number } | string | null | Reply[];

function encode(reply: Reply): string {
  if (reply === null) return "$-1\r\n";
  if (typeof reply === "string") return `$${Buffer.byteLength(reply)}\r\n${reply}\r\n`;
  if (Array.isArray(reply)) return `*${reply.length}\r\n${reply.map(encode).join("")}`;
  if ("simple" in reply) return `+${reply.simple}\r\n`;
  if ("error" in reply) return `-${reply.error}\r\n`;
  return `:${reply.integer}\r\n`;
}

function info(spec: SideSpec, port: number): string {
  const s = spec.settings;
  return [
    "# Server", `redis_version:${spec.version}`, "redis_mode:standalone", "os:Linux 6.1.0 x86_64", `tcp_port:${port}`, `hz:${s.hz}`, `configured_hz:${s.hz}`, "",
    "# Clients", "connected_clients:1", `maxclients:${s.maxclients}`, "",
    "# Memory", "used_memory:1048576", `maxmemory:${s.maxmemory}`, `maxmemory_policy:${s["maxmemory-policy"]}`, "",
    "# Persistence", "loading:0", `aof_enabled:${s.appendonly === "yes" ? 1 : 0}`, "",
    "# Replication", "role:master", "connected_slaves:0", "",
    "# Modules", "",
    "# Cluster", `cluster_enabled:${s["cluster-enabled"] === "yes" ? 1 : 0}`, "",
    "# Keyspace", "db0:keys=1200,expires=1150,avg_ttl=1780000", "",
  ].join("\r\n");
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
}

function answer(spec: SideSpec, port: number, args: string[], session: { authed: boolean }): Reply {
  const name = (args[0] ?? "").toUpperCase();
  const unknown = { error: `ERR unknown command '${args[0] ?? ""}', with args beginning with: ${args.slice(1).map((a) => `'${a}' `).join("")}` };
  if (spec.renamed.includes(name)) return unknown;
  if (name === "AUTH") {
    if (!spec.password) return { error: "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?" };
    if (args[args.length - 1] !== spec.password) return { error: "WRONGPASS invalid username-password pair or user is disabled." };
    session.authed = true;
    return { simple: "OK" };
  }
  if (spec.password && !session.authed) return { error: "NOAUTH Authentication required." };
  const sub = (args[1] ?? "").toUpperCase();
  if (name === "PING") return { simple: "PONG" };
  if (name === "INFO") return info(spec, port);
  if (name === "CONFIG" && sub === "GET") {
    const patterns = args.slice(2).map(glob);
    return Object.entries(spec.settings).filter(([key]) => patterns.some((p) => p.test(key))).flat();
  }
  if (name === "COMMAND" && sub === "INFO") return args.slice(2).map((c) => (spec.renamed.includes(c.toUpperCase()) ? null : [c.toLowerCase(), { integer: -1 }, [], { integer: 0 }, { integer: 0 }, { integer: 0 }]));
  if (name === "COMMAND" && sub === "COUNT") return { integer: 240 - spec.renamed.length };
  if (name === "MODULE" && sub === "LIST") return [];
  return unknown;
}

/** Reads RESP arrays of bulk strings (what clients send) off a socket, one command at a time. */
function serve(socket: Socket, spec: SideSpec, port: number): void {
  let buffer = Buffer.alloc(0);
  const session = { authed: false };
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const parsed = parseCommand(buffer);
      if (!parsed) return;
      buffer = buffer.subarray(parsed.length);
      socket.write(encode(answer(spec, port, parsed.args, session)));
    }
  });
}

function parseCommand(buf: Buffer): { args: string[]; length: number } | null {
  if (buf.length === 0) return null;
  if (buf[0] !== 0x2a) {
    const end = buf.indexOf("\r\n");
    return end < 0 ? null : { args: buf.subarray(0, end).toString().trim().split(/\s+/), length: end + 2 };
  }
  let end = buf.indexOf("\r\n");
  if (end < 0) return null;
  const count = Number(buf.subarray(1, end).toString());
  let offset = end + 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    end = buf.indexOf("\r\n", offset);
    if (end < 0) return null;
    const size = Number(buf.subarray(offset + 1, end).toString());
    if (buf.length < end + 2 + size + 2) return null;
    args.push(buf.subarray(end + 2, end + 2 + size).toString());
    offset = end + 2 + size + 2;
  }
  return { args, length: offset };
}

async function startSide(side: Side): Promise<{ url: string; close(): Promise<void> }> {
  const spec = SIDES[side];
  const sockets = new Set<Socket>();
  let port = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    serve(socket, spec, port);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `redis://${spec.password ? `:${spec.password}@` : ""}127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The demo's session caches: STAGING_CACHE_URL, and PRODUCTION_CACHE_URL and PRODUCTION_US_CACHE_URL (the same managed cache in each production region). */
export const startDemoCaches: StartDemoPart = async () => {
  const [staging, production, productionUs] = await Promise.all([startSide("staging"), startSide("production"), startSide("production")]);
  return {
    env: { STAGING_CACHE_URL: staging.url, PRODUCTION_CACHE_URL: production.url, PRODUCTION_US_CACHE_URL: productionUs.url },
    async close() {
      await Promise.allSettled([staging.close(), production.close(), productionUs.close()]);
    },
  };
};
