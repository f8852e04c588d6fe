/** What one run of one test ended as, after reruns are taken into account. */
export type TestOutcome = "passed" | "failed" | "skipped" | "flaky";

/** One test case as a JUnit file reports it. */
export interface TestCaseResult {
  /** classname + name (suite + name where classname is missing). */
  id: string;
  outcome: TestOutcome;
  /** First line of the failure message, when it failed or was flaky (secrets scrubbed later). */
  message?: string;
  /** The line of its <testcase> element. */
  line?: number;
}

/** One test across every file of one environment. */
export interface TestRecord {
  id: string;
  outcome: TestOutcome;
  message?: string;
  /** Where a failed or flaky test's <testcase> sits (the file relative to the map), for SARIF and annotations. */
  file?: string;
  line?: number;
}

/** A results file that could not be read, with where and why. */
export interface UnreadableFile {
  file: string;
  line: number | null;
  column?: number | null;
  problem: string;
}

/** The tests probe's snapshot of one environment: every test's outcome, sorted by id. */
export interface TestsSnapshot {
  environment: string;
  files: string[];
  unreadable: UnreadableFile[];
  tests: TestRecord[];
}

/** The tests probe's options in the map. */
export interface TestsOptions {
  results: Record<string, string | string[]>;
}
