import { ProbeError } from "../../src/errors.js";
import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { displayPath, resolveGlobs } from "../evidence/files.js";
import { evidenceScrubber } from "../evidence/secrets.js";
import { firstLine } from "../evidence/format.js";
import { fileRecords } from "./file-records.js";
import { JUnitSyntaxError } from "./junit.js";
import { OutcomeMerger } from "./outcomes.js";
import { readCases } from "./parse-lanes.js";
import type { TestRecord, TestsOptions, TestsSnapshot, UnreadableFile } from "./types.js";

/** Reads every JUnit file of one environment; one bad file is reported, not fatal, unless all are bad. */
export async function collectTests(env: Environment, ctx: CollectContext<TestsOptions>): Promise<TestsSnapshot> {
  const declared = ctx.options.results[env.name];
  if (declared === undefined) {
    const known = Object.keys(ctx.options.results);
    throw new ProbeError(`results has no entry for environment "${env.name}" (it has: ${known.join(", ") || "none"}); add results.${env.name}: <glob of JUnit XML files>`);
  }
  const patterns = Array.isArray(declared) ? declared : [declared];
  const files = await resolveGlobs(patterns, ctx.mapDir, ctx.signal);
  if (files.length === 0) {
    throw new ProbeError(`no files match results.${env.name} (${patterns.map((p) => `"${p}"`).join(", ")}, relative to ${ctx.mapDir})`);
  }
  const scrub = evidenceScrubber(env);
  const merger = new OutcomeMerger();
  const unreadable: UnreadableFile[] = [];
  const read: string[] = [];
  // One file, the common case, needs no merging across runs: its verdicts are the records.
  let single: TestRecord[] | undefined;
  for (const file of files) {
    const shown = displayPath(file, ctx.mapDir);
    try {
      const records = fileRecords(await readCases(file, ctx.signal), shown);
      if (files.length === 1) single = records;
      else merger.add(records);
      read.push(shown);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      if (error instanceof JUnitSyntaxError) unreadable.push({ file: shown, line: error.line, column: error.column, problem: scrub(error.problem) });
      else unreadable.push({ file: shown, line: null, problem: scrub((error as Error).message) });
    }
  }
  if (read.length === 0) {
    const listed = unreadable.map((u) => `${u.file}${u.line ? `:${u.line}` : ""}: ${u.problem}`).join("; ");
    throw new ProbeError(`none of the ${files.length} JUnit file(s) for ${env.name} could be read: ${listed}`);
  }
  const tests = single ?? merger.result();
  for (const t of tests) if (t.message) t.message = scrub(firstLine(t.message));
  return { environment: env.name, files: read, unreadable, tests };
}
