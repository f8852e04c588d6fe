import { parentPort, workerData } from "node:worker_threads";
import { JUnitSyntaxError, readJUnitFile } from "./junit.js";
import { packCases } from "./packed-cases.js";

/**
 * A worker thread that parses one large JUnit file (parse-lanes.ts starts it) and posts its
 * test cases back packed, or the reason it could not read the file. Parsing is CPU-bound: on
 * this thread, staging's and production's files are read on both cores at once.
 *
 * Messages: `{ cases }` (PackedCases) or `{ error: { message, line?, column? } }`, then it ends.
 */
const port = parentPort;
if (!port) throw new Error("junit-worker.js runs as a worker thread of the tests probe");

// An async function, not top-level await: the built CLI's chunks are CommonJS (scripts/build.mjs).
async function parse(port: NonNullable<typeof parentPort>): Promise<void> {
  try {
    const cases = await readJUnitFile((workerData as { file: string }).file, new AbortController().signal);
    const packed = packCases(cases);
    port.postMessage({ cases: packed }, [packed.outcomes.buffer as ArrayBuffer]);
  } catch (error) {
    const syntax = error instanceof JUnitSyntaxError ? { line: error.line, column: error.column } : {};
    port.postMessage({ error: { message: error instanceof JUnitSyntaxError ? error.problem : ((error as Error)?.message ?? String(error)), ...syntax } });
  }
}

void parse(port);
