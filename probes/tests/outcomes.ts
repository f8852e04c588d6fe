import type { TestCaseResult, TestOutcome, TestRecord } from "./types.js";

/**
 * One file's verdict per test. Repeated <testcase> elements for the same test are reruns
 * (pytest-rerunfailures, box/flaky): a rerun only happens after a failure, and the last
 * element is the final attempt — its failure means failed; its pass means the test passed
 * only on a rerun, which is flaky. (pytest-rerunfailures 16.6.1 writes the failed attempts
 * as empty elements, so "an earlier element failed" cannot be relied on.)
 */
export function fileVerdicts(cases: readonly TestCaseResult[]): Map<string, TestCaseResult> {
  const byId = new Map<string, { last: TestCaseResult; count: number; message?: string; line?: number }>();
  for (const c of cases) {
    const seen = byId.get(c.id);
    if (seen) byId.set(c.id, { last: c, count: seen.count + 1, message: c.message ?? seen.message, line: seen.line ?? c.line });
    else byId.set(c.id, { last: c, count: 1, message: c.message, line: c.line });
  }
  const out = new Map<string, TestCaseResult>();
  for (const [id, { last, count, message, line }] of byId) {
    const outcome: TestOutcome = count > 1 && last.outcome === "passed" ? "flaky" : last.outcome;
    const failing = outcome === "failed" || outcome === "flaky";
    // A failed final attempt points at itself; a flaky one at its first failed attempt.
    const at = outcome === "failed" ? last.line : line;
    out.set(id, { id, outcome, ...(failing && message ? { message } : {}), ...(failing && at !== undefined ? { line: at } : {}) });
  }
  return out;
}

/**
 * Merges one environment's files (several CI runs, shards). A test that passed in one run and
 * failed in another is flaky there; skipped runs say nothing about a test that also ran.
 */
export class OutcomeMerger {
  private readonly tests = new Map<string, { outcomes: Set<TestOutcome>; message?: string; at?: { file: string; line: number } }>();

  /** One file's verdicts; `file` (as shown to the reader) locates the first failure of each test. */
  add(verdicts: Map<string, TestCaseResult>, file?: string): void {
    for (const [id, v] of verdicts) {
      const entry = this.tests.get(id) ?? { outcomes: new Set<TestOutcome>() };
      entry.outcomes.add(v.outcome);
      entry.message ??= v.message;
      if (!entry.at && file !== undefined && v.line !== undefined) entry.at = { file, line: v.line };
      this.tests.set(id, entry);
    }
  }

  result(): TestRecord[] {
    const out: TestRecord[] = [];
    for (const [id, { outcomes, message, at }] of this.tests) {
      const outcome: TestOutcome =
        outcomes.has("flaky") || (outcomes.has("passed") && outcomes.has("failed"))
          ? "flaky"
          : outcomes.has("failed")
            ? "failed"
            : outcomes.has("passed")
              ? "passed"
              : "skipped";
      const failing = outcome === "failed" || outcome === "flaky";
      out.push({ id, outcome, ...(failing && message ? { message } : {}), ...(failing && at ? at : {}) });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
