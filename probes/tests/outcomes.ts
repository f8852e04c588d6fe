import { byId } from "./order.js";
import type { TestCaseResult, TestOutcome, TestRecord } from "./types.js";

/**
 * One file's verdict per test. A test id repeated in one file is not always a rerun: `go test
 * -count=3`, TestNG data providers, NUnit TestCaseSource, SpecFlow outlines and mocha tests
 * sharing a title repeat test cases that pass every time. A rerun is an attempt that directly
 * follows a failed attempt of the same test (pytest-rerunfailures, box/flaky): a rerun that
 * passes makes that run flaky, one that fails keeps it failed. Every other repetition is a run
 * of its own, and the test's verdict is its worst run: a failure among passing repetitions is a
 * failure (so a production failure of a data-provider case is found), never hidden as flaky.
 * (pytest-rerunfailures 16.6.1 writes failed attempts as empty elements: a test that passed only
 * on a rerun then reads as passed, the one reading the file allows.)
 */
export function fileVerdicts(cases: readonly TestCaseResult[]): Map<string, TestCaseResult> {
  const runsById = new Map<string, { runs: TestOutcome[]; message?: string; line?: number }>();
  let previous: TestCaseResult | undefined;
  for (const c of cases) {
    let entry = runsById.get(c.id);
    if (!entry) runsById.set(c.id, (entry = { runs: [] }));
    const last = entry.runs.length - 1;
    if (previous?.id === c.id && previous.outcome === "failed" && last >= 0) {
      if (c.outcome === "passed" || c.outcome === "flaky") entry.runs[last] = "flaky";
    } else entry.runs.push(c.outcome);
    if (c.message && (c.outcome === "failed" || c.outcome === "flaky" || !entry.message)) entry.message = c.message;
    // Where a failing run is written: the evidence a SARIF result points at.
    if (entry.line === undefined && (c.outcome === "failed" || c.outcome === "flaky") && c.line !== undefined) entry.line = c.line;
    previous = c;
  }
  const out = new Map<string, TestCaseResult>();
  for (const [id, { runs, message, line }] of runsById) {
    const outcome: TestOutcome = runs.includes("failed") ? "failed" : runs.includes("flaky") ? "flaky" : runs.includes("passed") ? "passed" : "skipped";
    const failing = outcome === "failed" || outcome === "flaky";
    out.set(id, { id, outcome, ...(failing && message ? { message } : {}), ...(failing && line !== undefined ? { line } : {}) });
  }
  return out;
}

/**
 * Merges one environment's files (several CI runs, shards). A test that passed in one run and
 * failed in another is flaky there; skipped runs say nothing about a test that also ran.
 */
export class OutcomeMerger {
  // Outcomes seen per test as bits, not a Set each: a suite of 150,000 tests across many files
  // otherwise allocates a Set per test per environment.
  private readonly tests = new Map<string, { seen: number; message?: string; at?: { file: string; line: number } }>();

  /** One file's verdicts (fileRecords); the first failure's file and line locate each test. */
  add(verdicts: Iterable<TestRecord>): void {
    for (const v of verdicts) {
      let entry = this.tests.get(v.id);
      if (entry) {
        entry.seen |= BIT[v.outcome];
        entry.message ??= v.message;
      } else this.tests.set(v.id, (entry = { seen: BIT[v.outcome], message: v.message }));
      if (!entry.at && v.file !== undefined && v.line !== undefined) entry.at = { file: v.file, line: v.line };
    }
  }

  result(): TestRecord[] {
    const out: TestRecord[] = [];
    for (const [id, { seen, message, at }] of this.tests) {
      const outcome: TestOutcome =
        seen & BIT.flaky || (seen & BIT.passed && seen & BIT.failed)
          ? "flaky"
          : seen & BIT.failed
            ? "failed"
            : seen & BIT.passed
              ? "passed"
              : "skipped";
      const failing = outcome === "failed" || outcome === "flaky";
      out.push({ id, outcome, ...(failing && message ? { message } : {}), ...(failing && at ? at : {}) });
    }
    return out.sort(byId);
  }
}

const BIT: Record<TestOutcome, number> = { passed: 1, failed: 2, skipped: 4, flaky: 8 };
