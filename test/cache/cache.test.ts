import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bySubject, collect, compare } from "./helpers.js";
import { startRedis, type RedisServer } from "./redis-server.js";

// Real redis-server processes on private loopback ports, each set up differently.
const servers: Record<string, RedisServer> = {};

beforeAll(async () => {
  const started = await Promise.all([
    startRedis(),
    startRedis(),
    startRedis(["--maxmemory", "0", "--maxmemory-policy", "allkeys-lru", "--timeout", "0", "--databases", "16"]),
    startRedis(["--maxmemory", "100mb", "--maxmemory-policy", "noeviction", "--notify-keyspace-events", "Ex", "--timeout", "300", "--databases", "4", "--appendonly", "yes"]),
    startRedis(["--rename-command", "CONFIG", "", "--maxmemory-policy", "allkeys-lru"]),
  ]);
  [servers.a, servers.b, servers.lru, servers.strict, servers.noConfig] = started;
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
});

describe("cache probe on real redis-server processes", () => {
  it("finds nothing between two servers set up alike, though their ports, folders and pid files differ", async () => {
    const [s, p] = await Promise.all([collect(servers.a!.url), collect(servers.b!.url, "production")]);
    expect(compare(s, p)).toEqual([]);
    expect(s.settingsFrom).toBe("config");
    expect(Object.keys(s.settings).length).toBeGreaterThan(100);
    for (const hostSpecific of ["port", "dir", "pidfile", "bind", "logfile", "requirepass", "masterauth", "dbfilename"]) {
      expect(s.settings).not.toHaveProperty(hostSpecific);
    }
    // Old aliases are not compared twice.
    expect(s.settings).not.toHaveProperty("slave-read-only");
    expect(s.settings).toHaveProperty("replica-read-only");
    expect(s.server).toMatchObject({ software: "redis", mode: "standalone", role: "master" });
    expect(s.server.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(s.commands).toBe(3);
  });

  it("reports eviction, notifications, timeout, databases, memory and persistence, each weighed", async () => {
    const [s, p] = await Promise.all([collect(servers.lru!.url), collect(servers.strict!.url, "production")]);
    const observations = compare(s, p);
    expect(bySubject(observations)).toEqual({
      "setting:appendonly setting": "medium",
      "setting:databases setting": "medium",
      "setting:maxmemory setting": "medium",
      "setting:maxmemory-policy setting": "high",
      "setting:notify-keyspace-events setting": "high",
      "setting:timeout setting": "medium",
    });
    const policy = observations.find((o) => o.subject === "setting:maxmemory-policy")!;
    expect(policy).toMatchObject({ staging: "allkeys-lru", production: "noeviction" });
    expect(policy.message).toBe(
      "Cache setting maxmemory-policy differs (staging allkeys-lru, production noeviction): what happens when memory runs out (evict which keys, or refuse writes)",
    );
    expect(observations.find((o) => o.subject === "setting:notify-keyspace-events")!.message).toMatch(/staging empty, production xE/);
    // ignore takes globs over setting names.
    expect(bySubject(compare(s, p, ["maxmemory*", "setting:timeout"]))).not.toHaveProperty("setting:maxmemory-policy setting");
    expect(bySubject(compare(s, p, ["maxmemory*", "setting:timeout"]))).not.toHaveProperty("setting:timeout setting");
  });

  it("falls back to INFO where CONFIG is renamed away, says so, and still sees the eviction policy", async () => {
    const [s, p] = await Promise.all([collect(servers.a!.url), collect(servers.noConfig!.url, "production")]);
    expect(p.settingsFrom).toBe("info");
    expect(p.configProblem).toBe("CONFIG is disabled or renamed (rename-command)");
    expect(p.missingCommands).toEqual(["CONFIG"]);
    const observations = compare(s, p);
    expect(bySubject(observations)).toEqual({
      "CONFIG fallback": "low",
      "command:CONFIG missing-in-production": "medium",
      "setting:maxmemory-policy setting": "high",
    });
    const note = observations.find((o) => o.aspect === "fallback")!;
    expect(note).toMatchObject({ kind: "inconclusive" });
    expect(note.message).toMatch(/^Cache settings read from INFO where CONFIG cannot be used \(production: CONFIG is disabled or renamed \(rename-command\)\); compared appendonly, cluster-enabled, hz, maxclients, maxmemory, maxmemory-policy; not compared: timeout, notify-keyspace-events, databases, save, appendfsync, \d+ more$/);
    expect(observations.find((o) => o.subject === "command:CONFIG")!.message).toBe(
      "Cache command CONFIG is renamed or disabled in production but available in staging: a call that works in staging fails in production",
    );
  });

  it("fails at once, with the reason, on a refused port", async () => {
    const dead = await startRedis();
    await dead.stop();
    const started = Date.now();
    await expect(collect(`redis://127.0.0.1:${dead.port}`)).rejects.toThrow(
      `cache redis://127.0.0.1:${dead.port}: the connection was refused (is the server running, on that port?)`,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("gives up on a server that accepts and never answers, within its deadline", async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const started = Date.now();
    try {
      await expect(collect(`redis://127.0.0.1:${port}`, "staging", 500)).rejects.toThrow(`cache redis://127.0.0.1:${port}: did not answer INFO within 500 ms`);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      silent.close();
    }
  });

  it("says what a port that does not speak the Redis protocol is", async () => {
    await expect(collect("redis://127.0.0.1:5432")).rejects.toThrow(
      "cache redis://127.0.0.1:5432: the server closed the connection before answering INFO (is this a Redis-protocol port?)",
    );
  });
});
