import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { COMMENT_BUDGET, commentMarker, renderPrComment } from "../../src/report/pr-comment.js";
import { runCli } from "../cli/run-cli.js";
import { scenarioCopy } from "../history/helpers.js";
import { addGaps, scenarioAudit, undeclared } from "../report/load.js";

describe("--format pr-comment: one sticky pull-request comment", () => {
  it("states the verdict, what is new and what was resolved since the last audit, and what blocks", async () => {
    const dir = await scenarioCopy("config-drift");
    await runCli(["audit"], { cwd: dir });
    const prodFile = path.join(dir, "production.json");
    const prod = JSON.parse(await readFile(prodFile, "utf8"));
    await writeFile(prodFile, JSON.stringify({ ...prod, FRAUD_CHECK_MODE: "strict", PAYMENT_TIMEOUT_MS: "3000" }));
    const result = await runCli(["audit", "--format", "pr-comment"], { cwd: dir });
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe('<!-- parity-pr-comment service="payments" map="parity-map.yaml" -->');
    expect(lines[1]).toBe("### ❌ Parity: payments — Gate (default): FAILED, exit 1 — 1 undeclared difference (1 pair)");
    expect(result.stdout).toMatch(/\*\*Since the last audit\*\* \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\): 1 new, 1 resolved\./);
    expect(result.stdout).toContain("**New:**\n\n- `app-config · FRAUD_CHECK_MODE · missing-in-staging` (medium risk) — FRAUD_CHECK_MODE is set in production (strict) but missing in staging");
    expect(result.stdout).toContain("**Resolved:**\n\n- `app-config · PAYMENT_TIMEOUT_MS · value`");
    expect(result.stdout).toContain("**Blocking (1):**\n\n- [ ] undeclared difference: `app-config · FRAUD_CHECK_MODE · missing-in-staging`");
    expect(result.stdout).toContain("| Pair | Test reliability | Data fidelity | Deployment friction | Security | Gate |");
    // Link-free: no markdown link anywhere in the body.
    expect(result.stdout).not.toMatch(/\]\(/);
    // The gate line still reaches a person reading the CI log.
    expect(result.stderr).toContain("Gate (default): FAILED, exit 1");
  });

  it("goes to a file with --out, and renders the same from a saved audit", async () => {
    const dir = await scenarioCopy("config-drift");
    // --format speaks for every --out: a .json file cannot be a comment.
    const mixed = await runCli(["audit", "--no-history", "--out", "audit.json", "--format", "pr-comment", "--out", "comment.md"], { cwd: dir });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("--out audit.json is json by its extension, but --format says pr-comment");
    const written = await runCli(["audit", "--no-history", "--format", "pr-comment", "--out", "comment.md"], { cwd: dir });
    expect(written.code).toBe(1);
    const body = await readFile(path.join(dir, "comment.md"), "utf8");
    expect(body).toMatch(/^<!-- parity-pr-comment /);
    expect(body).toContain("_No history was kept for this audit (`--no-history`, or rendered from a file written without it): nothing to compare with._");
    await runCli(["audit", "--no-history", "--out", "audit.json"], { cwd: dir });
    const again = await runCli(["report", "--from", "audit.json", "--format", "pr-comment"], { cwd: dir });
    expect(again.stdout.split("\n").slice(0, 2)).toEqual(body.split("\n").slice(0, 2));
  });

  it("stays under GitHub's comment size with thousands of findings, and says what it left out", async () => {
    const audit = addGaps(await scenarioAudit("all-clear"), Array.from({ length: 4000 }, (_, i) => undeclared(i)));
    const body = renderPrComment(audit);
    expect(body.length).toBeLessThanOrEqual(COMMENT_BUDGET);
    expect(body).toMatch(/- … and \d+ more \(the full report lists them\)/);
    expect(body.split("\n")[0]).toBe(commentMarker(audit));
  });

  it("keeps one comment per service and map: the marker names both", async () => {
    const a = await scenarioAudit("payments");
    expect(commentMarker(a)).not.toBe(commentMarker({ ...a, map: "deploy/eu/parity-map.yaml" }));
    expect(commentMarker({ ...a, service: 'we"ird-->' })).toBe('<!-- parity-pr-comment service="we\'ird" map="test/fixtures/scenarios/payments/parity-map.yaml" -->');
  });
});
