import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertReadOnlyCommand } from "../../probes/cache/read-only-commands.js";
import { openCacheSession } from "../../probes/cache/session.js";
import { collect } from "./helpers.js";
import { startRedis, type RedisServer } from "./redis-server.js";
import { startRespProxy, type RespProxy } from "./resp-proxy.js";

const PASSWORD = "canary-cache-pw-7f3a";
let locked: RedisServer;
let proxy: RespProxy;

beforeAll(async () => {
  locked = await startRedis(["--notify-keyspace-events", "Ex"], { password: PASSWORD });
  proxy = await startRespProxy(locked.port);
});

afterAll(async () => {
  await proxy?.close();
  await locked?.stop();
});

describe("a cache that requires a password", () => {
  it("is a clear probe error when the map gives no password", async () => {
    const error = await collect(`redis://127.0.0.1:${locked.port}`).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: "ProbeError",
      message: `cache redis://127.0.0.1:${locked.port}: the server requires a password and cache.url gives none (redis://:\${PASSWORD}@host:port)`,
    });
  });

  it("is a clear probe error, without the password, when the password is wrong", async () => {
    const error = await collect(`redis://:wrong-password-9c1e@127.0.0.1:${locked.port}`).catch((e: Error) => e);
    expect(error).toMatchObject({ name: "ProbeError" });
    expect((error as Error).message).toBe(
      `cache redis://:«redacted»@127.0.0.1:${locked.port}: the server refused the password (WRONGPASS); check the password in cache.url`,
    );
  });

  it("collects with the right password, and the password appears nowhere in the snapshot", async () => {
    const snapshot = await collect(locked.url);
    expect(snapshot.settings["notify-keyspace-events"]).toBe("xE");
    expect(JSON.stringify(snapshot)).not.toContain(PASSWORD);
    expect(snapshot.settings).not.toHaveProperty("requirepass");
  });
});

describe("read-only, proven on the wire", () => {
  it("sends AUTH, INFO, CONFIG GET * and COMMAND INFO, and nothing else", async () => {
    proxy.commands.length = 0;
    const snapshot = await collect(`redis://:${PASSWORD}@127.0.0.1:${proxy.port}`);
    const names = proxy.commands.map((c) => c.slice(0, c[0] === "COMMAND" || c[0] === "CONFIG" ? 2 : 1).join(" ").toUpperCase());
    expect(names).toEqual(["AUTH", "INFO", "CONFIG GET", "COMMAND INFO"]);
    expect(proxy.commands[2]).toEqual(["CONFIG", "GET", "*"]);
    // The allow-list holds for every command that reached the server, the handshake included.
    for (const command of proxy.commands) expect(() => assertReadOnlyCommand(command)).not.toThrow();
    expect(snapshot.commands).toBe(proxy.commands.length);
  });

  it("refuses anything outside the allow-list before it reaches the server", async () => {
    const session = await openCacheSession(`redis://:${PASSWORD}@127.0.0.1:${proxy.port}`, { signal: AbortSignal.timeout(10_000), timeoutMs: 5_000 });
    try {
      proxy.commands.length = 0;
      for (const command of [["FLUSHALL"], ["CONFIG", "SET", "maxmemory", "1"], ["SET", "k", "v"], ["KEYS", "*"], ["CLIENT", "KILL", "TYPE", "normal"], ["MODULE", "LOAD", "/x.so"], ["COMMAND", "GETKEYS", "GET", "k"], ["SHUTDOWN"]]) {
        await expect(session.send(command)).rejects.toThrow(/^refused to send .+ to a cache: parity only sends AUTH, INFO, CONFIG GET, COMMAND INFO, COMMAND COUNT, COMMAND DOCS, MODULE LIST$/);
      }
      expect(proxy.commands).toEqual([]);
      expect(await session.send(["COMMAND", "COUNT"])).toBeGreaterThan(100);
      expect(proxy.commands).toEqual([["COMMAND", "COUNT"]]);
    } finally {
      session.close();
    }
  });

  it("names what it refused", () => {
    expect(() => assertReadOnlyCommand(["config", "set", "x", "y"])).toThrow("refused to send CONFIG SET to a cache");
    expect(() => assertReadOnlyCommand(["FLUSHDB"])).toThrow("refused to send FLUSHDB to a cache");
    expect(() => assertReadOnlyCommand(["info", "memory"])).not.toThrow();
  });
});
