import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testsProbe } from "../../probes/tests/index.js";
import { packCases, unpackCases } from "../../probes/tests/packed-cases.js";
import { parseJUnit } from "../../probes/tests/junit.js";
import { runCli } from "../cli/run-cli.js";
import { run } from "./context.js";

// Issue 13, goal 5: in the built CLI, a JUnit file of 8 MiB or more is parsed on a worker thread
// beside the main one (probes/tests/parse-lanes.ts), so staging's and production's large files are
// read on both cores. What the audit finds must not depend on which thread read a file.

const CASES = 30_000; // ~9.5 MB per file: above the worker's threshold

/** A Surefire-style file; production fails the tests `failing` names, with a DSN in one message. */
function junitFile(side: "staging" | "production", options: { truncate?: boolean; cases?: number } = {}): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="large">\n'];
  for (let s = 0; s < (options.cases ?? CASES) / 50; s++) {
    parts.push(`  <testsuite name="com.example.Suite${s}Test">\n`);
    for (let j = 0; j < 50; j++) {
      const failing = side === "production" && s % 200 === 7 && j === 3;
      parts.push(`    <testcase name="case_${j}_&quot;${j % 3}&quot;" classname="com.example.Suite${s}Test" time="0.${j}">`);
      if (failing) parts.push(`<failure message="cannot reach postgres://app:hunter2-secret@db.internal:5432/ledger (suite ${s})" type="Conn"><![CDATA[stack\n\tat x]]></failure>`);
      else if (j === 11) parts.push(`<flakyFailure message="reset"/>`);
      else parts.push(`<system-out><![CDATA[${"log line <ok> & done\n".repeat(8)}]]></system-out>`);
      parts.push("</testcase>\n");
    }
    parts.push("  </testsuite>\n");
  }
  parts.push("</testsuites>\n");
  const xml = parts.join("");
  // A crashed CI job's file: cut in the middle of a test case.
  return options.truncate ? xml.slice(0, Math.floor(xml.length * 0.95)) : xml;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "parity-junit-large-"));
  const write = (name: string, xml: string) => writeFile(path.join(dir, name), xml);
  await Promise.all([
    write("staging.xml", junitFile("staging")),
    write("production.xml", junitFile("production")),
    write("staging-crashed.xml", junitFile("staging", { truncate: true })),
    write("production-crashed.xml", junitFile("production", { truncate: true })),
  ]);
  const map = (staging: string, production: string) => `version: 1
service: large-suite
environments: { staging: {}, production: {} }
pairs: [{ staging: staging, production: production }]
probes:
  - { id: ci-tests, kind: tests, results: { staging: ${staging}, production: ${production} } }
`;
  await write("parity-map.yaml", map("staging.xml", "production.xml"));
  await write("crashed.yaml", map("staging-crashed.xml", "production-crashed.xml"));
  await write("deadline.yaml", map("staging.xml", "production.xml").replace("kind: tests,", "kind: tests, timeoutMs: 100,"));
  // Every file is above the threshold, so one file of each audit is parsed on the worker.
  for (const name of ["staging.xml", "production.xml", "staging-crashed.xml", "production-crashed.xml"]) expect((await stat(path.join(dir, name))).size).toBeGreaterThan(8 << 20);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("large JUnit files through the built CLI", () => {
  it("finds what the probe finds in-process: each production failure with its message (redacted) and line", async () => {
    const result = await runCli(["audit", "--map", path.join(dir, "parity-map.yaml"), "--format", "json", "--no-history"]);
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout).pairs[0].findings as Array<{ subject: string; aspect: string; message: string; location?: { file: string; line: number } }>).filter((f) => f.aspect === "staging-green-production-red");
    expect(findings.map((f) => f.subject)).toEqual(['com.example.Suite207Test::case_3_"0"', 'com.example.Suite407Test::case_3_"0"', 'com.example.Suite7Test::case_3_"0"']);
    expect(findings[0]!.message).toContain("cannot reach postgres://app:«redacted»@db.internal:5432/ledger");
    expect(result.stdout).not.toContain("hunter2-secret");

    // The same files read on this thread (the TypeScript sources have no worker): the same findings.
    const inProcess = (await run(testsProbe, { results: { staging: "staging.xml", production: "production.xml" } }, dir)).filter((o) => o.aspect === "staging-green-production-red");
    expect(findings.map((f) => [f.subject, f.message, f.location])).toEqual(inProcess.map((o) => [o.subject, o.message, o.location]));
    expect(findings.every((f) => f.location?.file === "production.xml" && f.location.line > 1)).toBe(true);
  }, 60_000);

  it("names each truncated file with the line the parser stopped at, whichever thread read it", async () => {
    const result = await runCli(["audit", "--map", path.join(dir, "crashed.yaml"), "--format", "json", "--no-history"]);
    const probe = JSON.parse(result.stdout).pairs[0].probes[0] as { status: string; error?: string };
    expect(probe.status).toBe("error");
    expect(result.stdout).toMatch(/none of the 1 JUnit file\(s\) for staging could be read: staging-crashed\.xml:\d+: /);
    expect(result.stdout).toMatch(/none of the 1 JUnit file\(s\) for production could be read: production-crashed\.xml:\d+: /);
  }, 60_000);

  it("stops the worker at the probe's deadline and says so for each side", async () => {
    const result = await runCli(["audit", "--map", path.join(dir, "deadline.yaml"), "--format", "json", "--no-history"]);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).pairs[0].probes[0]).toMatchObject({ status: "error", error: "staging: timed out after 100 ms; production: timed out after 100 ms" });
  }, 60_000);
});

describe("packed test cases (the worker thread's reply)", () => {
  it("come back as the cases the reader produced, messages and lines included", () => {
    const cases = parseJUnit(junitFile("production", { cases: 1_000 }));
    expect(cases.some((c) => c.message)).toBe(true);
    expect(unpackCases(structuredClone(packCases(cases)))).toEqual(cases);
    expect(unpackCases(packCases([]))).toEqual([]);
  });
});
