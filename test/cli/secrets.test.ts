import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { repoRoot, runCli } from "./run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const CANARIES = {
  CANARY_DB_PASS_STAGING: "canary-db-pass-staging-a7",
  CANARY_DB_PASS_PROD: "canary-db-pass-prod-b8",
  CANARY_HTTP_KEY: "canary-http-key-9d4",
  CANARY_TOKEN: "canary-header-token-5c1",
};
const FILE_CANARIES = ["canary-config-secret-staging-1f9", "canary-dsn-in-config-77", "canary-config-secret-prod-3e2"];
const ALL = [...Object.values(CANARIES), ...FILE_CANARIES];
const map = path.join(repoRoot, "test/fixtures/canary/parity-map.yaml");

let server: Server;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  // A careless server: it echoes the request's credentials back in headers and body.
  server = createServer((req, res) => {
    const echo = String(req.headers.authorization ?? req.headers["x-api-key"] ?? "");
    if (req.url === "/config") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ PAYMENTS_API_KEY: "canary-config-secret-prod-3e2", PUBLIC_VALUE: "hello", ECHO: echo }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json", "x-echo": echo });
    res.end(JSON.stringify({ you_sent: echo }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  env = { ...CANARIES, CANARY_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function expectNoCanary(label: string, text: string): void {
  for (const canary of ALL) expect(text.includes(canary), `${label} contains ${canary}`).toBe(false);
}

describe("secrets never leave", () => {
  it.each(["terminal", "markdown", "json", "junit", "html", "sarif", "pr-comment"])("the %s report carries no planted secret", async (format) => {
    const dir = await tempFolder("parity-canary-");
    const result = await runCli(["audit", "--map", map, "--format", format, "--out", path.join(dir, "report"), "--no-history"], { env });
    expect([1, 3]).toContain(result.code);
    const report = await readFile(path.join(dir, "report"), "utf8");
    expect(report.length).toBeGreaterThan(200);
    expect(report).toContain("«redacted»");
    expectNoCanary(`${format} report`, report);
    expectNoCanary("stderr", result.stderr + result.stdout);
  });

  it("the probes really ran against the planted secrets (so the test can fail)", async () => {
    const result = await runCli(["audit", "--map", map, "--format", "json", "--no-history"], { env });
    const audit = JSON.parse(result.stdout);
    const probes = audit.pairs[0].probes;
    expect(probes.find((p: { id: string }) => p.id === "app-config").status).toBe("ok");
    expect(probes.find((p: { id: string }) => p.id === "db-schema")).toMatchObject({ status: "error", error: expect.stringContaining("127.0.0.1:1") });
    expect(probes.find((p: { id: string }) => p.id === "api-status").status).toBe("ok");
  });

  it("the checklist, the saved history and the GitHub outputs carry none", async () => {
    const dir = await tempFolder("parity-canary-");
    const { cp, writeFile } = await import("node:fs/promises");
    await cp(path.dirname(map), dir, { recursive: true });
    const summary = path.join(dir, "summary.md");
    await writeFile(summary, "");
    const audit = await runCli(["audit"], { cwd: dir, env: { ...env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expectNoCanary("annotations", audit.stdout);
    expectNoCanary("step summary", await readFile(summary, "utf8"));
    const [saved] = await readdir(path.join(dir, ".parity/history"));
    expectNoCanary("history", await readFile(path.join(dir, ".parity/history", saved!), "utf8"));
    const checklist = await runCli(["checklist"], { cwd: dir, env });
    expectNoCanary("checklist", checklist.stdout + checklist.stderr);
  });

  it("a snapshot of production carries none", async () => {
    const result = await runCli(["snapshot", "--map", map, "--env", "production"], { env });
    expect(result.stdout).toContain('"format": "parity-snapshot"');
    expect(result.stdout).toContain('"app-config"');
    expectNoCanary("snapshot", result.stdout + result.stderr);
  });
});
