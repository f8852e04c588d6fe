import { readFile, mkdtemp, rm, writeFile, copyFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline.js";
import { collect, compare, FIXTURES, summary } from "./helpers.js";

// The flags come from a config source like any other: a file, a command's stdout, or an HTTP
// endpoint answering the tool's JSON (Unleash's client API, say), behind a token.
const TOKEN = "unleash-client-token-canary-5c2e";
let server: Server;
let base: string;

beforeAll(async () => {
  const body = await readFile(path.join(FIXTURES, "unleash/production-client-features.json"), "utf8");
  server = createServer((req, res) => {
    if (req.headers.authorization !== TOKEN) return void res.writeHead(401, { "content-type": "application/json" }).end('{"message":"unauthorized"}');
    if (req.url === "/api/client/features") return void res.writeHead(200, { "content-type": "application/json" }).end(body);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("flag sources", () => {
  it("an Unleash server's client API behind a token; the token appears nowhere", async () => {
    const [s, p] = await Promise.all([
      collect({ file: "unleash/staging-client-features.json" }),
      collect({ url: `${base}/api/client/features`, headers: { Authorization: TOKEN } }, {}, "production"),
    ]);
    expect(p.source).toBe(`url ${base}/api/client/features (headers: Authorization)`);
    expect(JSON.stringify(p)).not.toContain(TOKEN);
    expect(summary(compare(s, p))).toEqual({ "payments.checkout-v2 rules": "medium", "payments.fraud-strict enabled": "high" });
  });

  it("an endpoint that refuses is a probe error saying how", async () => {
    await expect(collect({ url: `${base}/api/client/features` })).rejects.toThrow(`config endpoint ${base}/api/client/features answered HTTP 401`);
  });

  it("a command printing a flag file", async () => {
    const snapshot = await collect({ command: "cat flagd/production.flagd.json" }, {}, "production");
    expect(snapshot).toMatchObject({ flagFormat: "flagd", source: 'command "cat flagd/production.flagd.json"' });
    expect(snapshot.flags["new-checkout"]!.enabled).toBe(true);
  });
});

describe("flags in an audit", () => {
  it("reads the named config source, and a flag file of the wrong format fails only its probe", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "parity-flags-"));
    try {
      await copyFile(path.join(FIXTURES, "flagd/staging.flagd.json"), path.join(dir, "staging-flags.json"));
      await copyFile(path.join(FIXTURES, "flagd/production.flagd.json"), path.join(dir, "production-flags.json"));
      await copyFile(path.join(FIXTURES, "wrong/junit.xml"), path.join(dir, "broken-flags.xml"));
      await writeFile(path.join(dir, "staging.env"), "PAYMENT_TIMEOUT_MS=3000\n");
      await writeFile(path.join(dir, "production.env"), "PAYMENT_TIMEOUT_MS=1500\n");
      const map = (productionFlags: string) => `version: 1
service: payments
environments:
  staging:
    configs:
      app: { file: staging.env }
      flags: { file: staging-flags.json }
  production:
    configs:
      app: { file: production.env }
      flags: { file: ${productionFlags} }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config, config: app }
  - { id: feature-flags, kind: flags, config: flags, format: flagd, productionImpliesStaging: true }
`;
      await writeFile(path.join(dir, "good.yaml"), map("production-flags.json"));
      await writeFile(path.join(dir, "broken.yaml"), map("broken-flags.xml"));
      const good = (await runPipeline({ mapFile: path.join(dir, "good.yaml"), version: "test", now: new Date("2026-12-01T00:00:00Z") })).audit.pairs[0]!;
      expect(good.probes.map((p) => [p.id, p.status])).toEqual([["app-config", "ok"], ["feature-flags", "ok"]]);
      expect(good.findings.find((f) => f.subject === "new-checkout")).toMatchObject({ kind: "gap", declared: false, risk: "high", evidence: { staging: "off", production: "on" } });
      expect(good.findings.find((f) => f.subject === "flags on in staging only")).toMatchObject({ kind: "measurement" });

      const broken = (await runPipeline({ mapFile: path.join(dir, "broken.yaml"), version: "test", now: new Date("2026-12-01T00:00:00Z") })).audit.pairs[0]!;
      expect(broken.probes.map((p) => [p.id, p.status])).toEqual([["app-config", "ok"], ["feature-flags", "error"]]);
      expect(broken.probes[1]!.error).toMatch(/config file broken-flags\.xml \(.+\) is not a flagd flag file/);
      expect(broken.findings.some((f) => f.probe === "app-config" && f.subject === "PAYMENT_TIMEOUT_MS")).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
