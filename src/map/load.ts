import { readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { MapProblem } from "../errors.js";
import { crossReference } from "./cross-reference.js";
import { interpolateDocument } from "./interpolate.js";
import { formatPath, positionOf, type KeyPath } from "./positions.js";
import { mapSchema, type ParityMap } from "./schema.js";
import { describeIssue } from "./zod-issues.js";

export interface LoadedMap {
  /** Present when the map has no errors (warnings allowed). */
  map?: ParityMap;
  file: string;
  dir: string;
  problems: MapProblem[];
  /** The map's line for each difference entry, for annotations and reports. */
  entryLines: Map<string, number>;
  /** The map's line for each probe, for SARIF locations. */
  probeLines?: Map<string, number>;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  today?: Date;
}

/**
 * Loads a map in phases that collect rather than throw: YAML syntax → ${VAR} interpolation →
 * zod (strict) → cross-references. Every problem comes back with file, line, column and key
 * path, so the CLI can print them all at once.
 */
export async function loadMap(file: string, options: LoadOptions = {}): Promise<LoadedMap> {
  const display = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file (create one with `parity init`, or pass --map FILE)" : code === "EISDIR" ? "is a directory" : (error as Error).message;
    return { file: display, dir: path.dirname(file), problems: [{ file: display, line: 0, column: 0, path: "", message: `cannot read the map: ${why}`, severity: "error" }], entryLines: new Map() };
  }
  return parseMap(text, file, options);
}

export function parseMap(text: string, file: string, options: LoadOptions = {}): LoadedMap {
  const display = path.relative(process.cwd(), file) || file;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: MapProblem[] = [];
  const at = (keyPath: KeyPath, message: string, severity: "error" | "warning" = "error", atKey = false): void => {
    const pos = positionOf(doc, lineCounter, keyPath, atKey);
    problems.push({ file: display, line: pos.line, column: pos.column, path: formatPath(keyPath), message, severity });
  };
  const result = (map?: ParityMap): LoadedMap => ({
    map,
    file: display,
    dir: path.dirname(path.resolve(file)),
    problems: problems.sort((a, b) => a.line - b.line || a.column - b.column),
    entryLines: itemLines(doc, lineCounter, "differences"),
    probeLines: itemLines(doc, lineCounter, "probes"),
  });

  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
    problems.push({ file: display, line: pos.line, column: pos.col, path: "", message: `YAML syntax: ${yamlMessage(error)}`, severity: "error" });
  }
  if (problems.length) return result();
  if (doc.contents === null) {
    at([], "the map is empty (start from parity-map.example.yaml or `parity init`)");
    return result();
  }

  const unsetPaths = new Set<string>();
  for (const unset of interpolateDocument(doc, options.env ?? process.env)) {
    unsetPaths.add(formatPath(unset.path));
    if (unset.malformed) at(unset.path, `"${unset.name}" is not a variable reference: write \${NAME} (letters, digits, _) or \${NAME:-default}, and $\${ for a literal "\${"`);
    else at(unset.path, `environment variable ${unset.name} is not set (set it, or give a default: \${${unset.name}:-value})`);
  }

  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const parsed = mapSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const message of describeIssue(issue, data, mapSchema)) {
        // A value emptied by an unset variable is already explained by that problem.
        if (!unsetPaths.has(formatPath(message.path))) at(message.path, message.message, "error", message.atKey);
      }
    }
    return result();
  }
  for (const problem of crossReference(parsed.data, options.today ?? new Date())) at(problem.path, problem.message, problem.severity, problem.atKey);
  return result(problems.some((p) => p.severity === "error") ? undefined : parsed.data);
}

/** The line of each item (by id) of a top-level list: `differences` entries, `probes`. */
function itemLines(doc: Document, lineCounter: LineCounter, list: "differences" | "probes"): Map<string, number> {
  const lines = new Map<string, number>();
  let items: unknown;
  try {
    items = doc.toJS()?.[list];
  } catch {
    return lines; // a document too broken to convert has no usable entries
  }
  if (!Array.isArray(items)) return lines;
  items.forEach((item: { id?: unknown }, i: number) => {
    if (typeof item?.id === "string") lines.set(item.id, positionOf(doc, lineCounter, [list, i]).line);
  });
  return lines;
}

export { formatProblem } from "./format-problem.js";

/** The yaml library's first line, except where it speaks to a programmer rather than a map's author. */
function yamlMessage(error: { code: string; message: string }): string {
  if (error.code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a `---` line after content); a map is one document";
  return error.message.split("\n")[0]!;
}
