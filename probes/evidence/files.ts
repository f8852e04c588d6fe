import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { glob } from "tinyglobby";
import { ProbeError } from "../../src/errors.js";

/** How a file is named in messages: relative to the map's folder, unless the absolute path is shorter. */
export function displayPath(path: string, mapDir: string): string {
  const absolute = resolve(mapDir, path);
  const rel = relative(mapDir, absolute);
  return rel && !isAbsolute(rel) && rel.length <= absolute.length ? rel : absolute;
}

/**
 * The files a map glob names, sorted so snapshots are deterministic. Patterns are relative to
 * the map's folder (an absolute pattern, e.g. from ${PARITY_EVIDENCE_DIR}, is used as is).
 */
export async function resolveGlobs(patterns: readonly string[], mapDir: string, signal: AbortSignal): Promise<string[]> {
  const found = await glob([...patterns], { cwd: mapDir, absolute: true, onlyFiles: true, expandDirectories: false, signal });
  signal.throwIfAborted();
  return [...new Set(found.map((f) => resolve(f)))].sort();
}

/** Reads one evidence file as UTF-8; a missing or unreadable file becomes a ProbeError naming it. */
export async function readEvidenceFile(path: string, mapDir: string, signal: AbortSignal): Promise<string> {
  const absolute = resolve(mapDir, path);
  try {
    const text = await readFile(absolute, { encoding: "utf8", signal });
    // A UTF-8 byte-order mark would otherwise end up in the first CSV header or YAML key.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a folder, not a file" : code === "EACCES" ? "permission denied" : String((error as Error).message);
    throw new ProbeError(`${displayPath(absolute, mapDir)}: ${why} (resolved against ${mapDir})`, { cause: error });
  }
}

/** A problem at one line of an evidence file, worded the same way by every evidence probe. */
export function fileError(file: string, line: number | null, problem: string): ProbeError {
  return new ProbeError(line ? `${file}:${line}: ${problem}` : `${file}: ${problem}`);
}
