import { describe, expect, it } from "vitest";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { repoRoot, runCli } from "./run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

async function scenarioCopy(name: string): Promise<string> {
  const dir = await tempFolder(`parity-${name}-`);
  await cp(path.join(repoRoot, "test/fixtures", name), dir, { recursive: true });
  return dir;
}

describe("parity map suggest", () => {
  it("prints a ready entry for each undeclared difference of the last audit", async () => {
    const dir = await scenarioCopy("commented-map");
    await runCli(["audit", "--format", "json"], { cwd: dir });
    const result = await runCli(["map", "suggest"], { cwd: dir });
    expect(result.code).toBe(0);
    const entries = parse(result.stdout) as Array<Record<string, unknown>>;
    expect(entries).toEqual([
      expect.objectContaining({
        id: "app-config-payment-timeout-ms",
        dimension: "test-reliability",
        impact: "medium",
        status: "open",
        match: { probe: "app-config", subject: "PAYMENT_TIMEOUT_MS", aspect: "value" },
      }),
    ]);
    expect(entries[0]!.summary).toBe("PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production");
    expect(result.stdout).toMatch(/# owner: who keeps this entry true\?/);
  });

  it("--write adds them and leaves every other byte of a commented map as it was", async () => {
    const dir = await scenarioCopy("commented-map");
    const file = path.join(dir, "parity-map.yaml");
    const before = await readFile(file, "utf8");
    await runCli(["audit", "--format", "json"], { cwd: dir });
    const result = await runCli(["map", "suggest", "--write"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/added 1 entry to parity-map\.yaml \(app-config-payment-timeout-ms\)/);
    const after = await readFile(file, "utf8");
    const added = after.length - before.length;
    expect(added).toBeGreaterThan(0);
    // The new text is one contiguous block, placed right after the last entry.
    const insertAt = before.indexOf("      status: accepted\n") + "      status: accepted\n".length;
    expect(after.slice(0, insertAt)).toBe(before.slice(0, insertAt));
    expect(after.slice(insertAt + added)).toBe(before.slice(insertAt));
    expect(after.slice(insertAt, insertAt + added)).toMatch(/^    - id: app-config-payment-timeout-ms\n/);
    // The map still validates, and the difference is now declared.
    expect((await runCli(["map", "validate"], { cwd: dir })).code).toBe(0);
    const audit = await runCli(["audit", "--format", "json"], { cwd: dir });
    expect(audit.code).toBe(0); // declared, open, medium impact: the default gate passes
    const findings = JSON.parse(audit.stdout).pairs[0].findings;
    expect(findings.find((f: { subject: string }) => f.subject === "PAYMENT_TIMEOUT_MS")).toMatchObject({ kind: "gap", declared: true, entry: { id: "app-config-payment-timeout-ms" } });
    expect((await runCli(["audit", "--fail-on", "undeclared"], { cwd: dir })).code).toBe(0);
  });

  it("baseline accepts every current difference, so only new gaps trip the gate", async () => {
    const dir = await scenarioCopy("commented-map");
    expect((await runCli(["map", "baseline", "--write"], { cwd: dir })).code).toBe(0);
    const map = parse(await readFile(path.join(dir, "parity-map.yaml"), "utf8"));
    expect(map.differences.at(-1)).toMatchObject({ status: "accepted", mitigation: expect.stringMatching(/^Baseline: already there when parity was adopted/) });
    expect((await runCli(["audit", "--no-history"], { cwd: dir })).code).toBe(0);
  });
});

describe("suggestions for a map with several pairs", () => {
  async function regions(): Promise<string> {
    const dir = await tempFolder("parity-regions-");
    await cp(path.join(repoRoot, "test/fixtures/scenarios/regions"), dir, { recursive: true });
    return dir;
  }

  it("map suggest writes pairs: when the difference was seen in only some of the pairs", async () => {
    const dir = await regions();
    expect((await runCli(["audit", "--out", "audit.json", "--no-history"], { cwd: dir })).code).toBe(1);
    const result = await runCli(["map", "suggest", "--from", "audit.json"], { cwd: dir });
    expect(result.code).toBe(0);
    expect(parse(result.stdout)).toEqual([expect.objectContaining({ id: "app-config-retry-limit", match: { probe: "app-config", subject: "RETRY_LIMIT", aspect: "value" }, pairs: ["eu"] })]);
  });

  it("map baseline --write accepts each pair's differences without making a single entry stale", async () => {
    const dir = await regions();
    expect((await runCli(["map", "baseline", "--write"], { cwd: dir })).code).toBe(0);
    const after = await runCli(["audit", "--format", "json", "--no-history"], { cwd: dir });
    expect(after.code).toBe(0);
    const audit = JSON.parse(after.stdout);
    // legacy-flag was stale before the baseline; nothing the baseline wrote is.
    expect(audit.upkeep.stale.map((i: { entry: string }) => i.entry)).toEqual(["legacy-flag"]);
    expect(audit.verdict.byPair).toMatchObject({ eu: { passed: true }, us: { passed: true } });
  });
});

describe("history across audits", () => {
  it("says what is new and what was resolved, and lists past audits", async () => {
    const dir = await scenarioCopy("config-drift");
    const first = JSON.parse((await runCli(["audit", "--format", "json"], { cwd: dir })).stdout);
    expect(first.sinceLast).toEqual({ previous: null, newFindings: [], resolved: [] });

    // Production gains a key staging lacks.
    const prodFile = path.join(dir, "production.json");
    const prod = JSON.parse(await readFile(prodFile, "utf8"));
    await writeFile(prodFile, JSON.stringify({ ...prod, FRAUD_CHECK_MODE: "strict" }));
    const second = JSON.parse((await runCli(["audit", "--format", "json"], { cwd: dir })).stdout);
    expect(second.sinceLast.previous).toBe(first.generatedAt);
    expect(second.sinceLast.newFindings).toEqual([
      { id: "staging-production/app-config/FRAUD_CHECK_MODE/missing-in-staging", pair: "staging-production", probe: "app-config", subject: "FRAUD_CHECK_MODE", aspect: "missing-in-staging" },
    ]);
    expect(second.sinceLast.resolved).toEqual([]);

    // The timeout is aligned: that gap is resolved.
    await writeFile(prodFile, JSON.stringify({ ...prod, FRAUD_CHECK_MODE: "strict", PAYMENT_TIMEOUT_MS: "3000" }));
    const third = await runCli(["audit"], { cwd: dir });
    expect(third.stdout).toMatch(/since last audit/i);
    const saved = JSON.parse((await runCli(["history", "--format", "json"], { cwd: dir })).stdout);
    expect(saved).toHaveLength(3);
    const history = await runCli(["history"], { cwd: dir });
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/3 audits saved/);
    const json = JSON.parse((await runCli(["audit", "--format", "json", "--no-history"], { cwd: dir })).stdout);
    expect(json.sinceLast).toBeUndefined();
    const lastSaved = saved.at(-1);
    expect(lastSaved.undeclared).toBe(1);
  });
});

describe("parity init", () => {
  it("writes a commented starter map that validates, and never overwrites", async () => {
    const dir = await tempFolder("parity-init-");
    await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "@acme/checkout" }));
    await writeFile(path.join(dir, ".env.staging"), "A=1\n");
    await writeFile(path.join(dir, ".env.production"), "A=2\n");
    const result = await runCli(["init"], { cwd: dir });
    expect(result.code).toBe(0);
    const text = await readFile(path.join(dir, "parity-map.yaml"), "utf8");
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+parity-map\.schema\.json\n/);
    expect(text).toContain("service: checkout");
    expect(text).toContain("${STAGING_CONFIG:-./.env.staging}");
    expect((await runCli(["map", "validate"], { cwd: dir })).code).toBe(0);
    const audit = JSON.parse((await runCli(["audit", "--format", "json", "--no-history"], { cwd: dir })).stdout);
    expect(audit.pairs[0].findings[0]).toMatchObject({ subject: "A", evidence: { staging: "1", production: "2" } });
    const again = await runCli(["init"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; parity init never overwrites/);
  });
});
