import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** A real redis-server started by a test on a private loopback port, with its own settings. */
export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Answers once the server replies to PING (or to anything, with a password set). */
async function waitUntilUp(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}: ${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("data", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not come up on ${port}: ${log()}`);
}

/**
 * Starts `redis-server` with `args` (e.g. ["--maxmemory-policy", "allkeys-lru"]) on a free
 * port, in a throw-away folder, without persistence unless asked; `password` sets requirepass.
 */
export async function startRedis(args: string[] = [], options: { password?: string } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(tmpdir(), "parity-redis-"));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no", ...(options.password ? ["--requirepass", options.password] : []), ...args],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout?.on("data", (d) => (output = (output + d).slice(-2000)));
    child.stderr?.on("data", (d) => (output = (output + d).slice(-2000)));
    try {
      await waitUntilUp(port, child, () => output);
    } catch (error) {
      child.kill("SIGKILL");
      // Another process took the port between probing it and starting: try another one.
      if (attempt < 3 && /Address already in use/.test(output)) continue;
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    const auth = options.password ? `:${encodeURIComponent(options.password)}@` : "";
    return {
      port,
      url: `redis://${auth}127.0.0.1:${port}`,
      async stop() {
        if (child.exitCode === null) {
          const exited = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          await exited;
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
