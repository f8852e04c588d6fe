import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { normalise, repoRoot, runCli } from "./run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const scenario = path.join(repoRoot, "test/fixtures/config-drift");
const map = path.join(scenario, "parity-map.yaml");

describe("parity audit on the config-drift scenario", () => {
  it("classifies every finding and exits 1 for the undeclared difference (json)", async () => {
    const result = await runCli(["audit", "--map", map, "--format", "json", "--no-history"]);
    // The JSON goes to stdout; a person reading the CI log still sees the decision on stderr.
    expect(result.stderr).toBe("Gate (default): FAILED, exit 1 — 1 undeclared difference (1 pair)\n");
    expect(result.code).toBe(1);
    const audit = JSON.parse(result.stdout);
    expect(audit.schemaVersion).toBe(2);
    expect(audit.service).toBe("payments");
    expect(audit.verdict).toMatchObject({ gate: "default", passed: false, exitCode: 1, counts: { undeclared: 1, declared: 1, manual: 1, stale: 1 } });
    const pair = audit.pairs[0];
    expect(pair.probes).toEqual([expect.objectContaining({ id: "app-config", kind: "config", status: "ok", sides: { staging: { source: "live" }, production: { source: "live" } } })]);
    const summary = pair.findings.map((f: { kind: string; declared?: boolean; subject: string; entry?: { id: string } }) => [f.kind, f.declared ?? null, f.subject, f.entry?.id ?? null]);
    expect(summary).toEqual([
      ["gap", true, "CREDIT_BUREAU_URL", "credit-bureau-sandbox"],
      ["gap", false, "PAYMENT_TIMEOUT_MS", null],
      // The ignored BUILD_SHA difference, counted in a note (a measurement, never a gap).
      ["measurement", null, "(ignored)", null],
      ["manual-entry", null, "no-cdn", "no-cdn"],
      ["stale-entry", null, "LEGACY_LEDGER_URL", "legacy-ledger"],
    ]);
    const timeout = pair.findings[1];
    expect(timeout).toMatchObject({ id: "staging-production/app-config/PAYMENT_TIMEOUT_MS/value", probe: "app-config", aspect: "value", dimension: "test-reliability", risk: "medium", evidence: { staging: "3000", production: "1500" } });
    expect(audit.verdict.blocking).toEqual([{ id: timeout.id, reason: "undeclared", pairs: ["staging-production"], findings: [timeout.id] }]);
    expect(pair.dimensions["test-reliability"]).toMatchObject({ rating: "medium", headline: "Test reliability — medium risk" });
    expect(pair.dimensions["test-reliability"].summary).toMatch(/^1 configuration value differs that nobody declared, PAYMENT_TIMEOUT_MS \(3000 in staging, 1500 in production\)/);
    expect(pair.dimensions.security.rating).toBe("unknown");
    expect(audit.upkeep).toMatchObject({ entries: 3, stale: [expect.objectContaining({ entry: "legacy-ledger" })], overdue: [], clean: false });
  });

  it("passes the gate when told to fail only on high-severity gaps (exit 0)", async () => {
    const result = await runCli(["audit", "--map", map, "--format", "json", "--fail-on", "high", "--no-history"]);
    expect(result.code).toBe(0);
  });

  it("writes the terminal report without colour when NO_COLOR is set", async () => {
    const result = await runCli(["audit", "--map", map, "--no-history"]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/\x1b\[/);
    expect(result.stdout).toContain("PAYMENT_TIMEOUT_MS");
    expect(normalise(result.stdout)).toMatchSnapshot();
  });

  it("writes markdown to --out and nothing to stdout; the gate line goes to stderr", async () => {
    const dir = await tempFolder("parity-cli-");
    const out = path.join(dir, "report.md");
    const result = await runCli(["audit", "--map", map, "--out", out, "--no-history"]);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("Gate (default): FAILED, exit 1 — 1 undeclared difference (1 pair)\n");
    expect(normalise(await readFile(out, "utf8"))).toMatchSnapshot();
  });

  it("prints the release checklist section", async () => {
    const result = await runCli(["checklist", "--map", map]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/- \[ \] .*PAYMENT_TIMEOUT_MS/);
    expect(result.stdout).toContain("legacy-ledger");
    expect(normalise(result.stdout)).toMatchSnapshot();
  });

  it("prints the checklist from a saved JSON audit", async () => {
    const dir = await tempFolder("parity-cli-");
    const saved = path.join(dir, "audit.json");
    await runCli(["audit", "--map", map, "--format", "json", "--out", saved, "--no-history"]);
    const fromFile = await runCli(["checklist", "--from", saved]);
    const live = await runCli(["checklist", "--map", map]);
    expect(fromFile.code).toBe(0);
    expect(normalise(fromFile.stdout)).toBe(normalise(live.stdout));
  });
});

describe("user mistakes: a clear message, exit 2, no stack trace", () => {
  it.each([
    ["a missing map", ["audit", "--map", "/nonexistent/parity-map.yaml"], /^\S*parity-map\.yaml  cannot read the map: no such file \(create one with `parity init`, or pass --map FILE\)$/m],
    ["an unknown pair", ["audit", "--map", map, "--pair", "eu"], /no pair is named "eu" \(pairs: staging-production\)/],
    ["an unknown format", ["audit", "--map", map, "--format", "pdf"], /argument 'pdf' is invalid\. Allowed choices are terminal, markdown, json, junit, html/],
    ["an --out file of no known format", ["audit", "--map", map, "--out", "report.pdf"], /--out report\.pdf: cannot tell the format from its name; use one of \.json \(json\), \.md \(markdown\), \.html \(html\), \.xml \(junit\), \.txt \(terminal\), \.sarif \(sarif\), or give --format/],
    ["an --out file that contradicts --format", ["audit", "--map", map, "--format", "json", "--out", "report.md"], /--out report\.md is markdown by its extension, but --format says json/],
    ["an unknown command", ["audti"], /unknown command 'audti'/],
    ["a checklist from a file that is not an audit", ["checklist", "--from", map], /is not a parity JSON audit|cannot read/],
  ])("%s", async (_name, args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("a broken map: every problem with file:line:col, exit 2", async () => {
    const dir = await tempFolder("parity-cli-");
    const broken = path.join(dir, "parity-map.yaml");
    const text = (await readFile(map, "utf8")).replace("dimension: test-reliability", "dimensoin: test-reliability").replace("impact: low", "impact: lwo");
    await writeFile(broken, text);
    const result = await runCli(["map", "validate", "parity-map.yaml"], { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toContain('parity-map.yaml:17:5  differences[0].dimensoin  unknown key "dimensoin" — did you mean "dimension"? (allowed: id, summary, dimension, impact, status, mitigation, owner, reviewBy, match, pairs)');
    expect(lines).toContain('parity-map.yaml:34:13  differences[2].impact  expected one of low, medium, high; got "lwo" — did you mean "low"?');
    expect(lines).toContain('parity-map.yaml:15:5  differences[0]  missing required key "dimension" (one of test-reliability, data-fidelity, deployment-friction, security)');
    expect(result.stderr).toMatch(/3 problems in parity-map\.yaml\./);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const audit = await runCli(["audit"], { cwd: dir });
    expect(audit.code).toBe(2);
  });

  it("map validate on a good map says what it holds", async () => {
    const result = await runCli(["map", "validate", map]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is valid: 2 environments, 1 pair, 1 probe, 3 known differences/);
  });
});

describe("help, version, schema", () => {
  it("--help lists the commands", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["audit", "checklist", "snapshot", "map", "demo"]) expect(result.stdout).toContain(command);
  });

  it("--version prints the package version", async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8"));
    const result = await runCli(["--version"]);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it("map schema prints the committed JSON Schema", async () => {
    const result = await runCli(["map", "schema"]);
    expect(result.stdout).toBe(await readFile(path.join(repoRoot, "schema/parity-map.schema.json"), "utf8"));
  });
});
