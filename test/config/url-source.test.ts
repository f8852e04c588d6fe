import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { collect, plain } from "./helpers.js";

const TOKEN = "canary-header-token-5d1e";
const headers = { Authorization: `Bearer ${TOKEN}` };

describe("config url sources (a real HTTP server on 127.0.0.1)", () => {
  let server: Server;
  let base: string;
  const hanging: Array<() => void> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const authorised = req.headers.authorization === `Bearer ${TOKEN}`;
      switch (req.url) {
        case "/config":
          if (!authorised) return void res.writeHead(401).end();
          res.writeHead(200, { "content-type": "application/json" });
          return void res.end(JSON.stringify({ PAYMENT_TIMEOUT_MS: 1500, fraud: { mode: "strict" }, accept: req.headers.accept }));
        case "/plain-json":
          return void res.writeHead(200, { "content-type": "text/plain" }).end('{"A":"1"}');
        case "/html":
          return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><p>Login</p>");
        case "/text":
          return void res.writeHead(200, { "content-type": "text/plain" }).end("all good");
        case "/500":
          return void res.writeHead(500, { "content-type": "application/json" }).end('{"error":"boom"}');
        case "/redirect":
          return void res.writeHead(302, { location: "/config" }).end();
        case "/huge": {
          // 11 MiB of JSON-looking text, streamed: more than a config endpoint may send.
          res.writeHead(200, { "content-type": "application/json" });
          const chunk = Buffer.alloc(1024 * 1024, 0x20);
          for (let i = 0; i < 11; i++) res.write(chunk);
          return void res.end("{}");
        }
        case "/hang":
          // Never answers; the test's server close releases it.
          return void hanging.push(() => res.destroy());
        default:
          return void res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const release of hanging) release();
    await new Promise((resolve) => server.close(resolve));
  });

  it("reads a JSON endpoint, sending the map's headers and asking for JSON", async () => {
    const snap = await collect({ url: `${base}/config`, headers });
    expect(plain(snap)).toEqual({ PAYMENT_TIMEOUT_MS: "1500", accept: "application/json", "fraud.mode": "strict" });
    // Header names may be shown, values never.
    expect(snap.source).toBe(`url ${base}/config (headers: Authorization)`);
    expect(JSON.stringify(snap)).not.toContain(TOKEN);
  });

  it("accepts JSON whatever the content type says", async () => {
    expect(plain(await collect({ url: `${base}/plain-json` }))).toEqual({ A: "1" });
  });

  it("hides a password in the URL wherever the URL is shown", async () => {
    const url = `http://ops:canary-url-pw-88@127.0.0.1:${new URL(base).port}/500`;
    const error = (await collect({ url }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`config endpoint http://ops:«redacted»@127.0.0.1:${new URL(base).port}/500 answered HTTP 500`);
  });

  it.each([
    ["/html", /^config endpoint http:\/\/127\.0\.0\.1:\d+\/html answered HTML, not JSON \(HTTP 200, text\/html\)$/],
    ["/text", /^config endpoint http:\/\/127\.0\.0\.1:\d+\/text is not valid JSON$/],
    ["/500", /^config endpoint .*\/500 answered HTTP 500$/],
    ["/redirect", /^config endpoint .*\/redirect answered HTTP 302 \(redirects are not followed\)$/],
    ["/config-missing", /answered HTTP 404$/],
    ["/huge", /^config endpoint .*\/huge answered more than 10 MiB$/],
  ])("%s is a ProbeError with a clear message and no header value", async (path, message) => {
    const error = await collect({ url: `${base}${path}`, headers }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(TOKEN);
  });

  it("a refused port is a ProbeError", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = (await collect({ url: `http://127.0.0.1:${port}/config`, headers }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProbeError);
    expect(error.message).toBe(`config endpoint http://127.0.0.1:${port}/config refused the connection (is the service running?)`);
  });

  it("a server that never answers times out at the source's timeoutMs", async () => {
    const started = Date.now();
    const error = (await collect({ url: `${base}/hang`, headers, timeoutMs: 300 }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ProbeError);
    expect(error.message).toBe(`config endpoint ${base}/hang timed out after 300 ms`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("stops when the probe's signal is aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(collect({ url: `${base}/hang`, timeoutMs: 10_000 }, { signal: controller.signal })).rejects.toThrow(
      `config endpoint ${base}/hang was not read: the probe was cancelled`,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ["not a url", /config endpoint not a url is not a valid URL/],
    ["ftp://127.0.0.1/config", /is not an http\(s\) URL/],
  ])("%s is rejected before any request", async (url, message) => {
    await expect(collect({ url })).rejects.toThrow(message);
  });
});
