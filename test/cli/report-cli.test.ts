import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { countingTargets, type CountingTargets } from "./counting-servers.js";
import { repoRoot, runCli } from "./run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

let targets: CountingTargets;
let dir: string;
let audited: { code: number | null; stderr: string; probed: { http: number; db: number } };

const FILES = { json: "audit.json", markdown: "audit.md", html: "audit.html", junit: "audit.xml", terminal: "audit.txt" } as const;

beforeAll(async () => {
  targets = await countingTargets();
  dir = await tempFolder("parity-report-");
  await cp(path.join(repoRoot, "test/fixtures/counted"), dir, { recursive: true });
  // One probe run, five documents.
  const result = await runCli(["audit", ...Object.values(FILES).flatMap((f) => ["--out", f]), "--no-history"], { cwd: dir, env: targets.env });
  audited = { code: result.code, stderr: result.stderr, probed: targets.counts() };
  targets.reset();
});

afterAll(async () => {
  await targets.close();
});

const read = (file: string) => readFile(path.join(dir, file), "utf8");

/** The figures a reader takes away, as each format states them. */
function figures(format: keyof typeof FILES | "checklist", text: string) {
  const count = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  switch (format) {
    case "json": {
      const audit = JSON.parse(text);
      return { gate: audit.verdict.summary, undeclared: audit.verdict.counts.undeclared, openHigh: audit.verdict.counts.openHighImpact, errors: audit.verdict.counts.probeErrors };
    }
    case "terminal":
      // The gate line wraps at 100 columns, with a hanging indent.
      return { gate: text.slice(0, text.indexOf("\nParity audit")).replace(/\n\s+/g, " "), undeclared: count(/✖ Undeclared differences \((\d+)\)/), openHigh: count(/▲ Open high-impact known gaps \((\d+)\)/), errors: count(/! Probe errors \((\d+)\)/) };
    case "markdown":
      return { gate: /^\*\*(.+)\*\*$/m.exec(text)?.[1], undeclared: count(/## Undeclared differences \((\d+)\)/), openHigh: count(/## Open high-impact known gaps \((\d+)\)/), errors: count(/## Probe errors \((\d+)\)/) };
    case "checklist":
      return { gate: /^\*\*(.+)\*\*$/m.exec(text)?.[1], undeclared: (text.match(/^- \[ \] \*\*Undeclared\*\*/gm) ?? []).length, openHigh: (text.match(/^- \[ \] \*\*Open, high impact\*\*/gm) ?? []).length, errors: (text.match(/^- \[ \] \*\*Probe could not run\*\*/gm) ?? []).length };
    case "html":
      return { gate: /<p class="verdict[^"]*">([^<]+)<\/p>/.exec(text)?.[1], undeclared: count(/<h3>Undeclared differences \((\d+)\)<\/h3>/), openHigh: count(/<h3>Open high-impact known gaps \((\d+)\)<\/h3>/), errors: count(/<h3>Probe errors \((\d+)\)<\/h3>/) };
    case "junit":
      return {
        gate: /<failure message="([^"]+)" type="gate">/.exec(text)?.[1],
        undeclared: (text.match(/type="undeclared"/g) ?? []).length,
        openHigh: (text.match(/type="open-high-impact"/g) ?? []).length,
        errors: (text.match(/<error [^>]*type="probe-error"/g) ?? []).length,
      };
  }
}

describe("probe once, render many", () => {
  it("writes every --out file from one probe run, its format from the extension, and says the gate on stderr", async () => {
    expect(audited.code).toBe(1);
    expect(audited.stderr).toBe("Gate (default): FAILED, exit 1 — 2 undeclared differences, 1 open high-impact known gap, 1 probe error (1 pair)\n");
    // One run: each config endpoint once, each status request three times per side, the database tried once per side.
    expect(audited.probed).toEqual({ http: 2 + 2 * 2 * 3, db: 2 });
    expect(JSON.parse(await read(FILES.json)).schemaVersion).toBe(2);
    expect(await read(FILES.markdown)).toMatch(/^# Parity audit: payments\n/);
    expect(await read(FILES.html)).toMatch(/^<!DOCTYPE html>/);
    expect(await read(FILES.junit)).toMatch(/^<\?xml /);
    expect(await read(FILES.terminal)).toMatch(/^Gate \(default\): FAILED, exit 1/);
  });

  it("states identical figures in every format and the checklist, all from the one saved audit", async () => {
    const expected = figures("json", await read(FILES.json));
    expect(expected).toEqual({ gate: "Gate (default): FAILED, exit 1 — 2 undeclared differences, 1 open high-impact known gap, 1 probe error (1 pair)", undeclared: 2, openHigh: 1, errors: 1 });
    for (const [format, file] of Object.entries(FILES) as Array<[keyof typeof FILES, string]>) expect(figures(format, await read(file)), format).toEqual(expected);
    const checklist = await runCli(["checklist", "--from", FILES.json], { cwd: dir, env: targets.env });
    expect(figures("checklist", checklist.stdout)).toEqual(expected);
  });
});

describe("parity report --from", () => {
  it("renders any format from a saved audit exactly as the audit did, opening no connection", async () => {
    targets.reset();
    for (const [format, file] of Object.entries(FILES)) {
      const result = await runCli(["report", "--from", FILES.json, "--format", format], { cwd: dir, env: targets.env });
      expect(result.code, format).toBe(1);
      expect(result.stdout, format).toBe(await read(file));
    }
    await runCli(["checklist", "--from", FILES.json], { cwd: dir, env: targets.env });
    await runCli(["map", "suggest", "--from", FILES.json], { cwd: dir, env: targets.env });
    await runCli(["map", "baseline", "--from", FILES.json], { cwd: dir, env: targets.env });
    expect(targets.counts()).toEqual({ http: 0, db: 0 });
  });

  it("writes several --out files and puts the gate line on stderr", async () => {
    const result = await runCli(["report", "--from", FILES.json, "--out", "again.md", "--out", "again.xml"], { cwd: dir });
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("Gate (default): FAILED, exit 1 — 2 undeclared differences, 1 open high-impact known gap, 1 probe error (1 pair)\n");
    expect(await read("again.md")).toBe(await read(FILES.markdown));
  });

  it("judges the saved audit again at another --fail-on, with the same rule the audit used", async () => {
    const never = await runCli(["report", "--from", FILES.json, "--fail-on", "never", "--format", "json"], { cwd: dir });
    expect(never.code).toBe(3);
    expect(JSON.parse(never.stdout).verdict).toMatchObject({ gate: "never", passed: true, exitCode: 3, summary: "Gate (never): PASSED, exit 3 — nothing blocks at --fail-on never, but 1 probe error left evidence missing (1 pair)" });
    const undeclared = await runCli(["report", "--from", FILES.json, "--fail-on", "undeclared"], { cwd: dir });
    expect(undeclared.stdout.split("\n")[0]).toBe("Gate (undeclared): FAILED, exit 1 — 2 undeclared differences, 1 probe error (1 pair)");
    expect(undeclared.stdout).toContain("Not blocking at --fail-on undeclared: 1 open high-impact known gap.");
  });

  it("says plainly that a version 1 audit must be regenerated", async () => {
    await writeFile(path.join(dir, "old.json"), JSON.stringify({ schemaVersion: 1, service: "payments", generatedAt: "2026-11-01T00:00:00Z", pairs: [], upkeep: { stale: [], overdue: [] } }));
    for (const args of [["report", "--from", "old.json"], ["checklist", "--from", "old.json"], ["map", "suggest", "--from", "old.json"]]) {
      const result = await runCli(args, { cwd: dir, env: targets.env });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toBe(
        "parity: old.json is a version 1 audit, written by an older parity; this one reads version 2 (with a verdict and finding kinds). Regenerate it: `parity audit --out old.json`\n",
      );
    }
  });

  it("prints the JSON report's schema", async () => {
    const result = await runCli(["report", "schema"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await readFile(path.join(repoRoot, "schema/audit.schema.json"), "utf8"));
  });

  it.each([
    [["report"], /give --from AUDIT\.json/],
    [["report", "--from", "audit.json", "--format", "pdf"], /argument 'pdf' is invalid\. Allowed choices are terminal, markdown, json, junit, html/],
    [["report", "--from", "audit.json", "--pair", "ue"], /audit\.json has no pair named "ue"/],
    [["report", "topic"], /unknown report topic "topic"/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const result = await runCli(args, { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
