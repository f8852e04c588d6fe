import type { Observation } from "../../src/types.js";
import { percent, plural } from "../evidence/format.js";
import { byId } from "./order.js";
import type { TestOutcome, TestRecord, TestsSnapshot, UnreadableFile } from "./types.js";

type Side = "staging" | "production";

/**
 * Per test: staging-green-production-red (the incident this method exists to prevent) is high;
 * staging-red-production-green is medium (staging raises false alarms, so it is not a faithful
 * stand-in). Flaky tests are measurements and never blamed on either environment; tests on one
 * side only, skipped tests and tests red on both sides are counted in the summary only.
 */
export function compareTests(staging: TestsSnapshot, production: TestsSnapshot): Observation[] {
  const out: Observation[] = [];
  const counts = { greenRed: 0, greenRan: 0, redGreen: 0, bothRed: 0, onlyStaging: 0, onlyProduction: 0, skipped: 0 };
  const flaky = { staging: 0, production: 0 };
  const flakyOnes: Observation[] = [];

  // Both sides' tests in id order, walked side by side: no lookup table of 150,000 ids per side.
  const stag = inIdOrder(staging.tests);
  const prod = inIdOrder(production.tests);
  for (let i = 0, j = 0; i < stag.length || j < prod.length; ) {
    const order = i >= stag.length ? 1 : j >= prod.length ? -1 : byId(stag[i]!, prod[j]!);
    const s = order <= 0 ? stag[i++] : undefined;
    const p = order >= 0 ? prod[j++] : undefined;
    if (s?.outcome === "flaky" || p?.outcome === "flaky") {
      if (s?.outcome === "flaky") flaky.staging++;
      if (p?.outcome === "flaky") flaky.production++;
      flakyOnes.push(flakyObservation((s ?? p)!.id, s, p));
    }
    if (!s) {
      counts.onlyProduction++;
      continue;
    }
    if (!p) {
      counts.onlyStaging++;
      continue;
    }
    if (s.outcome === "skipped" || p.outcome === "skipped") counts.skipped++;
    if (s.outcome === "passed" && ran(p.outcome)) counts.greenRan++;
    if (s.outcome === "passed" && p.outcome === "failed") {
      counts.greenRed++;
      out.push(perTest(s, p, "staging-green-production-red", "high", `passes in staging but fails in production${p.message ? `: ${p.message}` : ""}`));
    } else if (s.outcome === "failed" && p.outcome === "passed") {
      counts.redGreen++;
      out.push(perTest(s, p, "staging-red-production-green", "medium", `fails in staging but passes in production${s.message ? `: ${s.message}` : ""}`));
    } else if (s.outcome === "failed" && p.outcome === "failed") counts.bothRed++;
  }
  out.push(...flakyOnes);

  out.push(...unreadableObservations("staging", staging.unreadable), ...unreadableObservations("production", production.unreadable));
  out.push(summary(staging, production, counts, flaky));
  return out;
}

/** A snapshot's tests are sorted by id when collected; one written otherwise is sorted here. */
function inIdOrder(tests: readonly TestRecord[]): readonly TestRecord[] {
  for (let i = 1; i < tests.length; i++) if (byId(tests[i - 1]!, tests[i]!) > 0) return tests.slice().sort(byId);
  return tests;
}

function flakyObservation(id: string, s: TestRecord | undefined, p: TestRecord | undefined): Observation {
  const where = s?.outcome === "flaky" && p?.outcome === "flaky" ? "both environments" : s?.outcome === "flaky" ? "staging" : "production";
  const message = `"${id}" is flaky in ${where} (passed on a rerun or in another run): a test problem, not an environment difference`;
  return { subject: id, aspect: "flaky", severity: "low", kind: "measurement", message, staging: s?.outcome ?? null, production: p?.outcome ?? null };
}

function ran(outcome: TestOutcome): boolean {
  return outcome !== "skipped";
}

function perTest(s: TestRecord, p: TestRecord, aspect: string, severity: "high" | "medium", what: string): Observation {
  // The evidence is the side where the test failed: that <testcase> is where a reader looks.
  const failed = p.outcome === "failed" ? p : s;
  const location = failed.file !== undefined ? { location: { file: failed.file, ...(failed.line !== undefined ? { line: failed.line } : {}) } } : {};
  return { subject: s.id, aspect, severity, message: `"${s.id}" ${what}`, staging: s.outcome, production: p.outcome, ...location };
}

function unreadableObservations(side: Side, files: readonly UnreadableFile[]): Observation[] {
  return files.map((u) => {
    const where = `${u.file}${u.line ? `:${u.line}${u.column ? `:${u.column}` : ""}` : ""}`;
    return {
      kind: "unreadable" as const,
      subject: u.file,
      aspect: "unreadable",
      severity: "medium" as const,
      message: `${side} results file ${where} could not be read (${u.problem}); its tests are left out of the comparison`,
      staging: side === "staging" ? `${where}: ${u.problem}` : null,
      production: side === "production" ? `${where}: ${u.problem}` : null,
      location: { file: u.file, ...(u.line ? { line: u.line } : {}) },
    };
  });
}

function summary(
  staging: TestsSnapshot,
  production: TestsSnapshot,
  c: { greenRed: number; greenRan: number; redGreen: number; bothRed: number; onlyStaging: number; onlyProduction: number; skipped: number },
  flaky: { staging: number; production: number },
): Observation {
  const sentences = [
    c.greenRan === 0
      ? "No test that passes in staging also ran in production"
      : `${c.greenRed} of ${plural(c.greenRan, "test")} that pass in staging fail in production (${percent(c.greenRed, c.greenRan)})`,
  ];
  if (c.redGreen) sentences.push(`${plural(c.redGreen, "test")} ${c.redGreen === 1 ? "fails" : "fail"} in staging but ${c.redGreen === 1 ? "passes" : "pass"} in production`);
  if (c.bothRed) sentences.push(`${plural(c.bothRed, "test")} ${c.bothRed === 1 ? "fails" : "fail"} in both`);
  if (flaky.staging || flaky.production) sentences.push(`flaky: ${flaky.staging} in staging, ${flaky.production} in production (not counted as environment differences)`);
  if (c.onlyStaging || c.onlyProduction) sentences.push(`ran on one side only: ${c.onlyStaging} in staging, ${c.onlyProduction} in production`);
  if (c.skipped) sentences.push(`${plural(c.skipped, "test")} skipped on at least one side`);
  const unread = staging.unreadable.length + production.unreadable.length;
  if (unread) sentences.push(`${plural(unread, "results file")} could not be read`);
  return {
    subject: "tests",
    aspect: "summary",
    severity: "low",
    kind: "measurement",
    message: `${sentences.join("; ")}.`,
    staging: tally(staging),
    production: tally(production),
  };
}

function tally(snapshot: TestsSnapshot): { [key: string]: number } {
  const t = { files: snapshot.files.length, tests: snapshot.tests.length, passed: 0, failed: 0, skipped: 0, flaky: 0 };
  for (const test of snapshot.tests) t[test.outcome]++;
  return t;
}
