import { byId } from "./order.js";
import { fileVerdicts } from "./outcomes.js";
import type { TestCaseResult, TestRecord } from "./types.js";

// What happens to a results file after the parser: kept small and cheap, because a large suite
// (150,000 test cases in 50 MB) made this part of the audit cost more than parsing itself.

/**
 * One file's verdict per test, sorted by id. A file whose tests each appear once (most files)
 * needs no table of repetitions: sorting, which the snapshot needs anyway, shows there are
 * none. Otherwise the repetition rules of fileVerdicts decide.
 */
export function fileRecords(cases: readonly TestCaseResult[], file?: string): TestRecord[] {
  const sorted: TestRecord[] = cases.slice().sort(byId);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id) return located([...fileVerdicts(cases).values()].sort(byId), file);
  }
  // The cases are the records; a passed or skipped case keeps neither message nor line, as fileVerdicts does.
  for (let i = 0; i < sorted.length; i++) {
    const { id, outcome, message, line } = sorted[i]!;
    if (outcome !== "failed" && outcome !== "flaky") {
      if (message !== undefined || line !== undefined) sorted[i] = { id, outcome };
    }
  }
  return located(sorted, file);
}

/** A failing record names the file its line is in (as shown to the reader), for SARIF and annotations. */
function located(records: TestRecord[], file: string | undefined): TestRecord[] {
  if (file === undefined) return records;
  for (const r of records) if (r.line !== undefined) r.file = file;
  return records;
}
