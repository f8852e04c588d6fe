import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { MapProblem } from "../errors.js";
import { crossReference } from "./cross-reference.js";
import { interpolateDocument } from "./interpolate.js";
import { rememberSubstitutions } from "./secrets.js";
import { formatPath, positionOf, type KeyPath } from "./positions.js";
import { mapSchema, type ParityMap } from "./schema.js";
import { checkStructure } from "./yaml-structure.js";
import { describeIssue, type LocatedMessage } from "./zod-issues.js";
import { grouped } from "../grouped.js";

export interface LoadedMap {
  /** Present when the map has no errors (warnings allowed). */
  map?: ParityMap;
  file: string;
  dir: string;
  /** At most MAX_PROBLEMS, in file order, then one more (at the next problem) counting the rest. */
  problems: MapProblem[];
  /** Problems found beyond the first MAX_PROBLEMS (not listed). */
  omitted: number;
  /** The map's line for each difference entry, for annotations and reports. */
  entryLines: Map<string, number>;
  /** The map's line for each probe, for SARIF locations. */
  probeLines?: Map<string, number>;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  today?: Date;
  /** How the command names another map file, for the hint when there is none (default: pass --map FILE). */
  nameAnother?: string;
}

/** Listed problems: past the first hundred, a person fixes those first and validates again. */
export const MAX_PROBLEMS = 100;
/** A map is written by hand: ten times the largest real one, and still read in well under a second. */
export const MAX_MAP_BYTES = 2 * 1024 * 1024;
/** Line breaks and commas a map may hold (the largest real maps have a few thousand). */
export const MAX_VALUES = 20_000;
/** Entries per list handed to zod; a longer list is reported and the rest is not checked item by item. */
export const MAX_LIST_ITEMS = 10_000;

/**
 * Loads a map in phases that collect rather than throw: YAML syntax → structure (aliases,
 * depth, keys) → ${VAR} interpolation → zod (strict) and cross-references. Every problem comes
 * back with file, line, column and key path, so the CLI can print them all at once.
 */
export async function loadMap(file: string, options: LoadOptions = {}): Promise<LoadedMap> {
  const display = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? `no such file (create one with \`parity init\`, or ${options.nameAnother ?? "pass --map FILE"})` : code === "EISDIR" ? "is a directory" : (error as Error).message;
    return { file: display, dir: path.dirname(file), problems: [{ file: display, line: 0, column: 0, path: "", message: `cannot read the map: ${why}`, severity: "error" }], omitted: 0, entryLines: new Map() };
  }
  return parseMap(text, file, options);
}

interface Pending {
  path: KeyPath;
  message: string;
  severity: "error" | "warning";
  atKey: boolean;
}

export function parseMap(rawText: string, file: string, options: LoadOptions = {}): LoadedMap {
  const display = path.relative(process.cwd(), file) || file;
  // A byte-order mark (Windows editors) is not content: without this, line 1's columns are off by one.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const problems: MapProblem[] = [];
  let unlisted = 0;
  const done = (doc: Document | null, data?: unknown, map?: ParityMap): LoadedMap => {
    const listed = firstInFileOrder(problems, display, unlisted);
    return { map, file: display, dir: path.dirname(path.resolve(file)), ...listed, entryLines: doc ? itemLines(doc, lineCounter, data, "differences") : new Map(), probeLines: doc ? itemLines(doc, lineCounter, data, "probes") : new Map() };
  };
  const located = (offset: number, message: string, severity: "error" | "warning" = "error"): void => {
    const pos = lineCounter.linePos(offset);
    problems.push({ file: display, line: Math.max(1, pos.line), column: Math.max(1, pos.col), path: "", message, severity });
  };
  if (text.length > MAX_MAP_BYTES) {
    problems.push({ file: display, line: 1, column: 1, path: "", severity: "error", message: `the map is ${(text.length / 1024 / 1024).toFixed(1)} MB; parity reads maps up to ${MAX_MAP_BYTES / 1024 / 1024} MB (is this the right file?)` });
    return done(null);
  }

  const crowded = crowdedAt(text);
  if (crowded !== null) {
    problems.push({ file: display, ...crowded, path: "", severity: "error", message: `the map holds more than ${grouped(MAX_VALUES)} values by here; a parity map holds a few thousand (is this the right file?)` });
    return done(null);
  }
  // logLevel "error": the yaml library would otherwise print its own warnings on stderr.
  // uniqueKeys: false: duplicate keys are found by checkStructure, in linear time.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: "error" });
  for (const error of doc.errors) located(error.pos[0], `YAML syntax: ${yamlMessage(error, text)}`);
  if (problems.length) return done(null);
  for (const warning of doc.warnings) located(warning.pos[0], `YAML: ${yamlMessage(warning, text)}`, "warning");
  if (doc.contents === null) {
    problems.push({ file: display, line: 1, column: 1, path: "(top level)", severity: "error", message: "the map is empty (start from parity-map.example.yaml or `parity init`)" });
    return done(null);
  }
  for (const p of checkStructure(doc, lineCounter)) located(p.offset, p.message);
  if (problems.some((p) => p.severity === "error")) return done(null);

  const pending: Pending[] = [];
  const unsetPaths = new Set<string>();
  const interpolation = interpolateDocument(doc, options.env ?? process.env);
  for (const unset of interpolation.unset) {
    unsetPaths.add(formatPath(unset.path));
    if (unset.malformed) pending.push({ path: unset.path, atKey: false, severity: "error", message: `"${unset.name}" is not a variable reference: write \${NAME} (letters, digits, _) or \${NAME:-default}, and $\${ for a literal "\${"` });
    else pending.push({ path: unset.path, atKey: false, severity: "error", message: `environment variable ${unset.name} is not set (set it, or give a default: \${${unset.name}:-value})` });
  }

  // The structure check has ruled out what makes toJS throw or explode (unresolved aliases,
  // cycles, bombs), so no alias limit is needed here.
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  const { checked, tooLong } = boundLists(data);
  for (const [key, length] of tooLong) {
    pending.push({ path: [key], atKey: true, severity: "error", message: `${key} has ${grouped(length)} entries; a map holds at most ${grouped(MAX_LIST_ITEMS)} per list (the rest were not checked)` });
  }
  // jitless: zod otherwise compiles (with new Function) a fast path for each object schema on its
  // first parse, which pays from the tenth parse on; a map is parsed once per process, and the
  // compiling was ~10% of `parity map validate` (bench/startup.mjs).
  const parsed = mapSchema.safeParse(checked, { jitless: true });
  const zodPaths = new Set<string>();
  if (!parsed.success) {
    // Described in file order and only until the list is full: a 500 KB map can hold 400,000
    // problems, and a message for each costs seconds and hundreds of MB.
    const issues = parsed.error.issues
      .map((issue) => ({ issue, pos: positionOf(doc, lineCounter, issue.path as KeyPath) }))
      .sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
    let described = 0;
    for (const { issue } of issues) {
      if (pending.length >= 2 * MAX_PROBLEMS) break;
      described++;
      for (const message of describeSafely(issue, checked)) {
        zodPaths.add(formatPath(message.path));
        // A value emptied by an unset variable is already explained by that problem.
        if (!unsetPaths.has(formatPath(message.path))) pending.push({ ...message, severity: "error" });
      }
    }
    unlisted += issues.length - described;
  }
  // Cross-references run on the raw data whether or not zod accepted it, so `map validate` shows
  // an undefined environment in the same run as a mistyped key; a path zod already explained is
  // not explained twice.
  for (const problem of crossReference(parsed.success ? parsed.data : checked, options.today ?? new Date())) {
    const at = formatPath(problem.path);
    if (!zodPaths.has(at) && !unsetPaths.has(at)) pending.push(problem);
  }
  for (const p of pending) {
    const pos = positionOf(doc, lineCounter, p.path, p.atKey);
    problems.push({ file: display, line: pos.line, column: pos.column, path: formatPath(p.path), message: p.message, severity: p.severity });
  }
  if (!parsed.success || problems.some((p) => p.severity === "error")) return done(doc, data);
  rememberSubstitutions(parsed.data, interpolation.substitutions);
  return done(doc, data, parsed.data);
}

/**
 * Where the text passes MAX_VALUES value separators (line breaks and commas), or null. Counted
 * before parsing because the yaml library needs seconds and hundreds of MB for a 500 KB flow
 * list of 160,000 empty mappings; no map written by hand comes near.
 */
function crowdedAt(text: string): { line: number; column: number } | null {
  let count = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 44) continue;
    if (++count > MAX_VALUES) return { line, column: i - lineStart + 1 };
    if (c === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return null;
}

/** One zod issue in words; a value too odd to describe still gets zod's own message at its path. */
function describeSafely(issue: Parameters<typeof describeIssue>[0], data: unknown): LocatedMessage[] {
  try {
    return describeIssue(issue, data, mapSchema);
  } catch {
    return [{ path: issue.path as KeyPath, atKey: false, message: issue.message }];
  }
}

/** Top-level lists cut to MAX_LIST_ITEMS for zod (indexes, and so positions, stay the same). */
function boundLists(data: unknown): { checked: unknown; tooLong: Array<[string, number]> } {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { checked: data, tooLong: [] };
  const tooLong = Object.entries(data as Record<string, unknown>).flatMap(([k, v]): Array<[string, number]> => (Array.isArray(v) && v.length > MAX_LIST_ITEMS ? [[k, v.length]] : []));
  if (!tooLong.length) return { checked: data, tooLong };
  const checked = { ...(data as Record<string, unknown>) };
  for (const [key] of tooLong) checked[key] = (checked[key] as unknown[]).slice(0, MAX_LIST_ITEMS);
  return { checked, tooLong };
}

/** The first MAX_PROBLEMS problems in file order, then one line (at the next one) counting the rest. */
function firstInFileOrder(problems: MapProblem[], file: string, unlisted: number): { problems: MapProblem[]; omitted: number } {
  const sorted = problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const omitted = Math.max(0, sorted.length - MAX_PROBLEMS) + unlisted;
  if (!omitted) return { problems: sorted, omitted };
  const next = sorted[Math.min(MAX_PROBLEMS, sorted.length - 1)]!;
  const listed = sorted.slice(0, MAX_PROBLEMS);
  listed.push({
    file, line: next.line, column: next.column, path: "(top level)", severity: "error",
    message: `…and ${grouped(omitted)} more problem${omitted === 1 ? "" : "s"} not listed (fix the ones above and validate again)`,
  });
  return { problems: listed, omitted };
}

/** The line of each item (by id) of a top-level list: `differences` entries, `probes` (for annotations and SARIF). */
function itemLines(doc: Document, lineCounter: LineCounter, data: unknown, list: "differences" | "probes"): Map<string, number> {
  const lines = new Map<string, number>();
  const items = (data as Record<string, unknown> | null)?.[list];
  if (!Array.isArray(items)) return lines;
  items.forEach((item: { id?: unknown } | null, i: number) => {
    if (typeof item?.id === "string") lines.set(item.id, positionOf(doc, lineCounter, [list, i]).line);
  });
  return lines;
}

export { formatProblem } from "./format-problem.js";

/** The yaml library's first line, except where it speaks to a programmer rather than a map's author. */
function yamlMessage(error: { code: string; message: string; pos: [number, number] }, text: string): string {
  if (error.code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a `---` line after content); a map is one document";
  if (error.code === "DUPLICATE_KEY") {
    const key = /^[^\s:#]+|^"[^"]*"|^'[^']*'/.exec(text.slice(error.pos[0], error.pos[0] + 200))?.[0];
    return `${key ? `the key ${key}` : "a key"} appears twice in the same mapping; keep one`;
  }
  if (error.code === "TAB_AS_INDENT") return "a tab indents this line; YAML indents with spaces only";
  if (/Maximum call stack size exceeded/.test(error.message)) return "the map nests too deeply to read here; a parity map needs a dozen levels or so";
  return error.message.split("\n")[0]!;
}
