import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The built CLI is a bundle (scripts/build.mjs), so a raw stack frame reads
// dist/bundle/chunks/chunk-X.js:1:23456. Node maps frames itself under --enable-source-maps, but
// that reads and indexes every module's map at load time, on every run (a measurable part of
// `parity --help`). An internal error is rare: its stack is mapped here, only then, from the
// .map file beside each bundled file.

const FRAME = /(file:\/\/[^\s()]+?\.js|\/[^\s():]+?\.js):(\d+):(\d+)/g;

/** The error's stack with every bundled frame pointing at its TypeScript source (src/, probes/). */
export function sourceMappedStack(error: { stack?: string }): string | undefined {
  if (typeof error?.stack !== "string") return undefined;
  const maps = new Map<string, SourceMap | null>();
  return error.stack.replace(FRAME, (frame, file: string, line: string, column: string) => {
    const filePath = file.startsWith("file://") ? fileURLToPath(file) : file;
    let map = maps.get(filePath);
    if (map === undefined) {
      map = readMap(filePath);
      maps.set(filePath, map);
    }
    // findEntry counts from 0; stack frames count from 1.
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (!entry?.originalSource || entry.originalLine === undefined) return frame;
    const source = path.resolve(path.dirname(filePath), entry.originalSource);
    return `${source}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
  });
}

function readMap(file: string): SourceMap | null {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")));
  } catch {
    return null; // not a bundled file (Node's own, a driver's): left as it is
  }
}
