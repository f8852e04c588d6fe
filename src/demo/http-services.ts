import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { StartDemoPart } from "./part.js";

/**
 * The demo's credit-scoring service, twice. Each difference is there to show one thing:
 * - staging calls the bureau's sandbox: 2–4 ms; production calls the live bureau: 30–120 ms,
 *   and one call in sixteen ends in 503 (a latency and an error-rate gap);
 * - production sends Strict-Transport-Security and Content-Security-Policy, staging neither;
 * - /v1/admin/users is open in staging and answers 401 in production;
 * - the live bureau's answer carries `reasons` and says `bureau: "live"` (body shape and value);
 * - request ids, cookies and CSP nonces change on every answer: volatile, never reported.
 * Delays come from a fixed pseudo-random sequence so the demo's figures are stable.
 */

type Side = "staging" | "production";

function sequence(seed: number): () => number {
  // A small linear congruential generator: reproducible, and good enough for demo jitter.
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (text = (text + c).slice(0, 10_000)));
    req.on("end", () => resolve(text));
  });
}

function handler(side: Side, seed: number): (req: IncomingMessage, res: ServerResponse) => void {
  const random = sequence(seed);
  let scoreCalls = 0;
  return (req, res) => {
    const headers: Record<string, string> = {
      "x-request-id": randomUUID(),
      "x-content-type-options": "nosniff",
      "set-cookie": `sid=${randomUUID()}; Path=/; HttpOnly; Secure`,
      ...(side === "production"
        ? { "strict-transport-security": "max-age=63072000; includeSubDomains", "content-security-policy": `default-src 'none'; script-src 'nonce-${randomUUID()}'` }
        : {}),
    };
    const url = new URL(req.url ?? "/", "http://demo");
    if (url.pathname === "/v1/score" && (req.method === "POST" || req.method === "GET")) {
      const n = scoreCalls++;
      const u = random();
      const delay = side === "staging" ? 2 + 2 * u : 30 + 90 * u ** 3;
      void readBody(req).then((raw) => {
        let customer = Number(url.searchParams.get("customer") ?? 0);
        try {
          customer = Number((JSON.parse(raw || "{}") as { customer?: number }).customer ?? customer);
        } catch {
          // A malformed body scores customer 0, like the real service's lenient parser.
        }
        setTimeout(() => {
          if (side === "production" && n % 16 === 15) return send(res, 503, { error: "credit bureau unavailable" }, headers);
          const score = 600 + ((customer * 37) % 250);
          const body = { customer, score, band: score > 700 ? "A" : "B", currency: "EUR", bureau: side === "staging" ? "sandbox" : "live" };
          // The live bureau explains its score; the sandbox does not (a body-shape difference).
          send(res, 200, side === "production" ? { ...body, reasons: [{ code: "R12", text: "short credit history" }] } : body, headers);
        }, delay);
      });
      return;
    }
    if (url.pathname === "/v1/admin/users") {
      if (side === "production") return send(res, 401, { error: "authentication required" }, { ...headers, "www-authenticate": "Bearer" });
      return send(res, 200, [{ id: 1, name: "demo admin" }], headers);
    }
    if (url.pathname === "/health") return send(res, 200, { status: "ok" }, headers);
    // The version each side reports: the same release, another build (the infra probe finds the digest).
    if (url.pathname === "/version") return send(res, 200, { service: "payments-api", version: side === "staging" ? "1.42.0+3f9c2e1" : "1.42.0+a81d44b" }, headers);
    send(res, 404, { error: "not found" }, headers);
  };
}

async function start(side: Side, seed: number): Promise<{ server: Server; url: string }> {
  const server = createServer(handler(side, seed));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * Starts staging's sandbox-backed scoring service and the live-backed one of each production
 * region (eu and us: the same release, their own jitter) on 127.0.0.1.
 */
export const startDemoHttp: StartDemoPart = async () => {
  const staging = await start("staging", 7);
  const production = await start("production", 11);
  const productionUs = await start("production", 13);
  return {
    env: { STAGING_BASE_URL: staging.url, PRODUCTION_BASE_URL: production.url, PRODUCTION_US_BASE_URL: productionUs.url },
    async close() {
      for (const { server } of [staging, production, productionUs]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
};
