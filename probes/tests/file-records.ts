import { readJUnitFile } from "./junit.js";
import { byId } from "./order.js";
import { fileVerdicts } from "./outcomes.js";
import type { TestCaseResult, TestRecord } from "./types.js";

// What happens to a results file after the parser: kept small and cheap, because a large suite
// (150,000 test cases in 50 MB) made this part of the audit cost more than parsing itself.

/**
 * One JUnit file at a time in this process. Parsing is CPU-bound on the one event loop, so
 * staging's and production's files read side by side take as long as one after the other, but
 * hold both files' parsing garbage at once: the difference between fitting in 250 MB or not
 * for two 50 MB files (bench/junit.mjs).
 */
let parsing: Promise<unknown> = Promise.resolve();

/** A file's test cases, read when no other file is being parsed, sharing no memory with the file's text. */
export function readCases(file: string, signal: AbortSignal): Promise<TestCaseResult[]> {
  const read = async () => detach(await readJUnitFile(file, signal));
  const turn = parsing.then(read, read);
  parsing = turn.catch(() => undefined);
  return turn;
}

/**
 * The parser's strings are slices of its 1 MB input chunks, and a slice keeps its whole chunk
 * alive: 153,540 test ids held 54 MB of a 50 MB file after parsing. A copy holds only itself.
 */
function detach(cases: TestCaseResult[]): TestCaseResult[] {
  const copy = (text: string) => (" " + text).slice(1);
  for (const c of cases) {
    c.id = copy(c.id);
    if (c.message !== undefined) c.message = copy(c.message);
  }
  return cases;
}

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
