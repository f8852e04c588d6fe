import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statusProbe } from "../../probes/status/index.js";
import type { StatusSnapshot } from "../../probes/status/types.js";
import { audit, gaps, httpEnv } from "./harness.js";
import { selfSigned, serve, serveHttps } from "./servers.js";
import type { Running } from "./servers.js";

describe("status probe over TLS", () => {
  const dir = mkdtempSync(join(tmpdir(), "parity-tls-"));
  const servers: Running[] = [];
  let longLived: Running, expiring: Running, plain: Running;
  const ok = (_: unknown, res: import("node:http").ServerResponse): void => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  };

  beforeAll(async () => {
    servers.push(
      (longLived = await serveHttps(selfSigned(dir, "staging-ca", 400), ok)),
      (expiring = await serveHttps(selfSigned(dir, "production-ca", 5), ok)),
      (plain = await serve(ok)),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const opts = { requests: [{ path: "/" }], samplesPerRequest: 2 };

  it("refuses an unverifiable certificate unless the environment says insecure", async () => {
    await expect(
      audit(statusProbe, opts, httpEnv("staging", { baseUrl: longLived.url }), httpEnv("production", { baseUrl: expiring.url, insecure: true })),
    ).rejects.toThrow(
      `the TLS certificate of ${longLived.url} does not verify (DEPTH_ZERO_SELF_SIGNED_CERT); set http.insecure: true on environment staging to audit it anyway`,
    );
  });

  it("reports expiry and issuer, and states that verification was skipped", async () => {
    const { observations, production } = await audit(
      statusProbe,
      opts,
      httpEnv("staging", { baseUrl: longLived.url, insecure: true }),
      httpEnv("production", { baseUrl: expiring.url, insecure: true }),
    );
    const tls = (production as StatusSnapshot).tls;
    expect(tls).toMatchObject({ authorized: false, authorizationError: "DEPTH_ZERO_SELF_SIGNED_CERT", issuer: "production-ca, production-ca test" });
    expect(tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(gaps(observations).map((o) => [o.subject, o.dimension, o.severity])).toEqual([
      ["TLS certificate expiry", "security", "high"],
      ["TLS certificate issuer", "security", "low"],
    ]);
    expect(gaps(observations)[0].message).toMatch(/^certificate expiry: staging expires in 399 days \(.*\), production expires in 4 days \(/);
    expect(observations.filter((o) => o.kind === "measurement").map((o) => o.message)).toEqual([
      "staging's certificate was not verified (http.insecure: true on that environment); it would fail verification: DEPTH_ZERO_SELF_SIGNED_CERT",
      "production's certificate was not verified (http.insecure: true on that environment); it would fail verification: DEPTH_ZERO_SELF_SIGNED_CERT",
    ]);
  });

  it("reports a staging on plain HTTP when production uses TLS", async () => {
    const { observations } = await audit(statusProbe, opts, httpEnv("staging", { baseUrl: plain.url }), httpEnv("production", { baseUrl: longLived.url, insecure: true }));
    expect(gaps(observations)).toMatchObject([
      { subject: "TLS", aspect: "tls", dimension: "security", severity: "medium", message: "staging serves plain HTTP while production uses TLS" },
    ]);
  });

  it("names a TLS handshake failure (https against a plain HTTP port)", async () => {
    const https = plain.url.replace("http:", "https:");
    await expect(
      audit(statusProbe, { ...opts, requestTimeoutMs: 2000 }, httpEnv("staging", { baseUrl: https }), httpEnv("production", { baseUrl: plain.url })),
    ).rejects.toThrow(`TLS handshake with ${https} failed: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER, is that port speaking plain HTTP?)`);
  });
});
