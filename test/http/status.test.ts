import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusProbe } from "../../probes/status/index.js";
import { audit, gaps, httpEnv } from "./harness.js";
import { serve } from "./servers.js";
import type { Running } from "./servers.js";
import type { IncomingMessage, ServerResponse } from "node:http";

const TOKEN = "Bearer s3cr3t-token-value-123";

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** The same credit-scoring service twice, with the differences a real staging drifts into. */
function service(side: "staging" | "production"): (req: IncomingMessage, res: ServerResponse) => void {
  let n = 0;
  return (req, res) => {
    n++;
    // Volatile on both sides: must never be reported.
    const volatile = { "x-request-id": randomUUID(), etag: `"${randomUUID()}"`, "set-cookie": `sid=${randomUUID()}; Path=/; HttpOnly` };
    const security: Record<string, string> =
      side === "production" ? { "strict-transport-security": "max-age=63072000", "content-security-policy": `default-src 'self'; script-src 'nonce-${randomUUID()}'` } : {};
    const auth = req.headers.authorization ?? "";
    switch (req.url) {
      case "/v1/score?customer=42":
        return json(
          res,
          200,
          side === "staging"
            ? { customer: 42, score: 700, currency: "EUR", ...(n % 2 ? { traceId: "t" } : {}) }
            : { customer: 42, score: "700", currency: "EUR", reasons: [{ code: "A1" }] },
          { ...volatile, ...security, "x-api-version": side === "staging" ? "2" : "3" },
        );
      case "/v1/admin/users":
        return side === "staging" ? json(res, 200, []) : json(res, 401, { error: "unauthorised" }, { "www-authenticate": "Bearer" });
      case "/old":
        // Absolute in staging, relative in production: the same target once normalised.
        res.writeHead(302, { location: side === "staging" ? `http://${req.headers.host}/new` : "/new" });
        return res.end();
      case "/moved":
        res.writeHead(301, { location: side === "staging" ? "/a" : "/b" });
        return res.end();
      case "/report":
        if (side === "staging") return json(res, 200, { ok: true });
        res.writeHead(502, { "content-type": "text/html" });
        return res.end("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");
      case "/echo":
        return json(res, 200, { auth }, { "x-echo": auth });
      case "/health":
        return json(res, 200, { ok: true });
      default:
        return json(res, 404, { error: "not found" });
    }
  };
}

describe("status probe", () => {
  let staging: Running, production: Running;
  let result: Awaited<ReturnType<typeof audit<unknown, unknown>>>;

  beforeAll(async () => {
    staging = await serve(service("staging"));
    production = await serve(service("production"));
    const caps = { maxRatePerSecond: 200, maxConcurrency: 4, headers: { Authorization: TOKEN } };
    result = await audit(
      statusProbe as never,
      {
        requests: [
          { path: "/v1/score", query: { customer: 42 } },
          { path: "/v1/admin/users" },
          { path: "/old" },
          { path: "/moved" },
          { path: "/report" },
          { path: "/echo" },
          { path: "/health", expect: 204 },
        ],
        samplesPerRequest: 4,
        compare: { values: ["$.currency", "$.auth"] },
      },
      httpEnv("staging", { baseUrl: staging.url, ...caps }),
      httpEnv("production", { baseUrl: production.url, ...caps }),
    );
  });
  afterAll(async () => {
    await Promise.all([staging?.close(), production?.close()]);
  });

  const find = (subject: string, aspect: string) => result.observations.filter((o) => o.subject === subject && o.aspect === aspect);

  it("reports an endpoint that demands auth in production but not in staging as a security gap", () => {
    expect(find("GET /v1/admin/users", "status")).toMatchObject([
      {
        dimension: "security",
        severity: "medium",
        message: "staging answered 200 ×4, production 401 ×4: the endpoint demands authentication in production but not in staging",
        staging: { 200: 4 },
        production: { 401: 4 },
      },
    ]);
  });

  it("compares the JSON shape, ignoring fields a side disagrees with itself about", () => {
    const [shape] = find("GET /v1/score?customer=42", "body-shape");
    expect(shape.message).toBe(
      "JSON body shape differs: only production has $.reasons (array), $.reasons[] (object), $.reasons[].code (string); $.score is number in staging, string in production",
    );
    expect(shape.message).not.toContain("traceId");
    expect(find("GET /v1/score?customer=42 $.currency", "body-value")).toEqual([]);
  });

  it("finds missing security headers and differing values, never volatile ones", () => {
    const headers = result.observations.filter((o) => o.aspect === "header" && o.subject.startsWith("GET /v1/score"));
    expect(headers.map((o) => [o.subject, o.dimension ?? null, o.severity])).toEqual([
      ["GET /v1/score?customer=42 header Content-Security-Policy", "security", "medium"],
      ["GET /v1/score?customer=42 header Strict-Transport-Security", "security", "medium"],
      ["GET /v1/score?customer=42 header X-Api-Version", null, "low"],
    ]);
    expect(headers[1].message).toBe(
      "Strict-Transport-Security is sent by production but not by staging: staging does not exercise the protection production enforces (tests may pass on staging and fail in production)",
    );
    expect(headers[2].message).toBe('X-Api-Version differs: staging sends "2", production "3"');
  });

  it("normalises redirect targets against each base URL", () => {
    expect(find("GET /old", "redirect")).toEqual([]);
    expect(find("GET /moved", "redirect")).toMatchObject([{ message: "redirects differ: staging → /a, production → /b", staging: "/a", production: "/b" }]);
  });

  it("reports an HTML error page where the other side answers JSON", () => {
    expect(find("GET /report", "status")).toMatchObject([{ severity: "medium", message: "staging answered 200 ×4, production 502 ×4" }]);
  });

  it("checks expectations even when both sides agree", () => {
    expect(find("GET /health", "status")).toMatchObject([{ message: "both sides answered 200 ×4 (expected 204)" }]);
  });

  it("never lets a header value from the map into snapshots or observations", () => {
    const text = JSON.stringify(result);
    expect(text).not.toContain("s3cr3t-token-value-123");
    expect(text).toContain("«redacted»");
    expect(gaps(result.observations).filter((o) => o.subject.startsWith("GET /echo"))).toEqual([]);
  });

  it("reports nothing else", () => {
    const seen = gaps(result.observations).map((o) => `${o.subject} ${o.aspect}`).sort();
    expect(seen).toEqual([
      "GET /health status",
      "GET /moved redirect",
      "GET /report status",
      "GET /v1/admin/users status",
      "GET /v1/score?customer=42 body-shape",
      "GET /v1/score?customer=42 header Content-Security-Policy header",
      "GET /v1/score?customer=42 header Strict-Transport-Security header",
      "GET /v1/score?customer=42 header X-Api-Version header",
    ]);
  });
});
