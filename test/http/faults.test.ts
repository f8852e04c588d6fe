import { createServer as createNetServer } from "node:net";
import type { AddressInfo, Server as NetServer, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latencyProbe } from "../../probes/latency/index.js";
import type { LatencyFigures } from "../../probes/latency/types.js";
import { statusProbe } from "../../probes/status/index.js";
import { audit, Audit, compareCtx, httpEnv, options } from "./harness.js";
import { serve } from "./servers.js";
import type { Running } from "./servers.js";

/** A raw TCP server that misbehaves in one way; tracks sockets so it can always be closed. */
async function tcp(onSocket: (socket: Socket) => void): Promise<Running> {
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const TIMEOUT = 500;

describe("faults end within their timeout with a reason", () => {
  const servers: Running[] = [];
  const urls: Record<string, string> = {};
  let healthy: Running;
  const drips: NodeJS.Timeout[] = [];

  beforeAll(async () => {
    const closed = await tcp(() => undefined);
    await closed.close();
    urls.refuse = closed.url;
    const add = async (name: string, r: Promise<Running>): Promise<Running> => {
      const running = await r;
      servers.push(running);
      urls[name] = running.url;
      return running;
    };
    await add("hang", tcp(() => undefined));
    await add("reset", tcp((s) => s.once("data", () => s.resetAndDestroy())));
    await add("garbage", tcp((s) => s.once("data", () => s.end("SSH-2.0-OpenSSH_9.2\r\nthis is not http\r\n\r\n"))));
    await add(
      "drip",
      serve((_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        drips.push(setInterval(() => res.write("."), 50));
      }),
    );
    let n = 0;
    healthy = await add(
      "sometimes-hangs",
      serve((_req, res) => {
        // Every fourth request never gets an answer.
        if (n++ % 4 === 3) return;
        res.end("ok");
      }),
    );
    urls.dns = "http://parity-no-such-host.invalid";
  });
  afterAll(async () => {
    drips.forEach(clearInterval);
    await Promise.all(servers.map((s) => s.close()));
  });

  it.each([
    ["refuse", "connection refused (nothing listening on that port?) (every request failed)"],
    ["hang", `timed out after ${TIMEOUT} ms waiting for the response (every request failed)`],
    ["reset", "connection closed by the server waiting for the response (ECONNRESET) (every request failed)"],
    ["garbage", "the server answered something that is not valid HTTP (Response does not match the HTTP/1.1 protocol (Expected HTTP/, RTSP/ or ICE/)) (every request failed)"],
    ["drip", `timed out after ${TIMEOUT} ms reading the body (every request failed)`],
    ["dns", /host name could not be resolved \((ENOTFOUND|EAI_AGAIN)\) \(every request failed\)$/],
  ])("%s", async (name, reason) => {
    const started = performance.now();
    const run = audit(
      statusProbe,
      { requests: [{ path: "/x" }], samplesPerRequest: 2, requestTimeoutMs: TIMEOUT },
      httpEnv("staging", { baseUrl: urls[name] }),
      httpEnv("production", { baseUrl: healthy.url }),
    );
    await expect(run).rejects.toThrow(reason);
    await expect(run).rejects.toThrow(`GET ${urls[name]}/x: `);
    expect(performance.now() - started).toBeLessThan(TIMEOUT * 2 + 1500);
  });

  it("counts timeouts in the latency figures instead of failing", async () => {
    const env = httpEnv("s", { baseUrl: urls["sometimes-hangs"], maxConcurrency: 8, maxRatePerSecond: 100 });
    const opts = options(latencyProbe, { request: { path: "/" }, samples: 12, warmup: 0, concurrency: 8, ratePerSecond: 50, requestTimeoutMs: 300 });
    const run = new Audit();
    const snap = await latencyProbe.collect(env, run.ctx(env, opts, "staging"));
    await run.close();
    const [obs] = latencyProbe.compare(snap, snap, compareCtx(opts, env, env));
    const fig = obs.staging as LatencyFigures;
    expect(fig).toMatchObject({ samples: 12, errors: 3, timeouts: 3, errorRate: 0.25, statusCounts: { 200: 9, timeout: 3 } });
    expect(fig.maxMs).toBeGreaterThanOrEqual(300);
    expect(snap.failures).toEqual({ "timed out after 300 ms waiting for the response": 3 });
  });

  it("fails a latency probe whose every request fails, with the reason", async () => {
    const env = httpEnv("s", { baseUrl: urls.refuse });
    const opts = options(latencyProbe, { request: { path: "/" }, samples: 3, warmup: 1, ratePerSecond: 20 });
    const run = new Audit();
    await expect(latencyProbe.collect(env, run.ctx(env, opts, "staging"))).rejects.toThrow(
      `GET ${urls.refuse}/: connection refused (nothing listening on that port?) (all 3 timed requests failed)`,
    );
    await run.close();
  });
});
