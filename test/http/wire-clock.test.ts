import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../probes/http/client.js";
import { delayed } from "./servers.js";
import type { Running } from "./servers.js";

/**
 * The latency probe takes out of each request the time undici spent before the request was on
 * the wire (its idle-socket check and writing the request) and after the answer's last byte
 * (handing the body over), as it takes out its own late timers: parity's doing, not the
 * service's. A new connection's handshake is the service's.
 */
describe("the HTTP client's own time around a request", () => {
  let server: Running;
  beforeAll(async () => {
    server = await delayed(() => 5);
  });
  afterAll(async () => server?.close());

  // The probe sends on a schedule; a pause lets the connection's last answer settle first (a
  // request dispatched before it has, waits in undici's queue, and is left uncorrected).
  const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
  const post = (client: HttpClient) =>
    client.send({ method: "POST", path: "/score", body: '{"customer":42}', headers: { "content-type": "application/json" } }, { signal: AbortSignal.timeout(10_000), timeoutMs: 5_000 });

  it("is counted on a kept-alive connection, and never as the service's own time", async () => {
    const client = new HttpClient({ baseUrl: server.url, maxConcurrency: 1, maxRatePerSecond: 50, insecure: false }, "staging");
    const first = await post(client);
    expect(first.ok).toBe(true);
    // The first request opened the connection: waiting for the handshake stays in its latency.
    expect(first.timing.clientMs).toBe(0);
    const later = [];
    for (let i = 0; i < 5; i++) {
      await pause();
      later.push(await post(client));
    }
    for (const { ok, timing } of later) {
      expect(ok).toBe(true);
      // Written on the kept-alive connection: undici's part is known, and it is not the 5 ms the server held.
      expect(timing.clientMs).toBeGreaterThan(0);
      expect(timing.endedAt - timing.sentAt - timing.clientMs).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("is counted for requests sent side by side, each its own", async () => {
    const client = new HttpClient({ baseUrl: server.url, maxConcurrency: 4, maxRatePerSecond: 50, insecure: false }, "staging");
    await Promise.all(Array.from({ length: 4 }, () => post(client))); // four connections open
    await pause();
    const results = await Promise.all(Array.from({ length: 4 }, () => post(client)));
    for (const { ok, timing } of results) {
      expect(ok).toBe(true);
      expect(timing.clientMs).toBeGreaterThan(0);
      expect(timing.endedAt - timing.sentAt - timing.clientMs).toBeGreaterThanOrEqual(4.5);
    }
  });
});
