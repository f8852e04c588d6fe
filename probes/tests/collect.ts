import { ProbeError } from "../../src/errors.js";
import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { displayPath, resolveGlobs } from "../evidence/files.js";
import { evidenceScrubber } from "../evidence/secrets.js";
import { firstLine } from "../evidence/format.js";
import { JUnitSyntaxError, readJUnitFile } from "./junit.js";
import { OutcomeMerger, fileVerdicts } from "./outcomes.js";
import type { TestsOptions, TestsSnapshot, UnreadableFile } from "./types.js";

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
  for (const file of files) {
    const shown = displayPath(file, ctx.mapDir);
    try {
      merger.add(fileVerdicts(await readJUnitFile(file, ctx.signal)), shown);
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
  const tests = merger.result().map((t) => (t.message ? { ...t, message: scrub(firstLine(t.message)) } : t));
  return { environment: env.name, files: read, unreadable, tests };
}
