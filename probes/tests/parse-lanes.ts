import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { JUnitSyntaxError, readJUnitFile } from "./junit.js";
import { unpackCases, type PackedCases } from "./packed-cases.js";
import type { TestCaseResult } from "./types.js";

/**
 * Where JUnit files are parsed: on this thread, and — for large files, when the machine has a
 * second core — on a worker thread beside it. Each lane parses one file at a time: two files on
 * one thread at once take as long as one after the other but hold both files' parsing garbage
 * (the difference between fitting in 250 MB or not for two 50 MB files, bench/junit.mjs). Two
 * lanes read staging's and production's 50 MB files in the time of one.
 *
 * The worker is part of the built CLI (chunks/junit-worker.js, next to this module's chunk);
 * where it is not built (the tests run the TypeScript sources) every file is parsed here.
 */
const WORKER_FILE = new URL("./junit-worker.js", import.meta.url);
/**
 * Below this, starting a thread costs about what it saves: a worker's round trip is 40–55 ms
 * here, and an 8 MiB file takes ~150 ms to parse, of which a second core takes half.
 */
const WORKER_FROM_BYTES = 8 << 20;

interface Lane {
  busy: Promise<unknown>;
  /** Bytes of the files queued on this lane, to give the next file to the less loaded one. */
  queued: number;
}
const here: Lane = { busy: Promise.resolve(), queued: 0 };
const beside: Lane = { busy: Promise.resolve(), queued: 0 };
let workerBuilt: boolean | undefined;

/** A file's test cases (sharing no memory with the file's text: junit.ts). */
export async function readCases(file: string, signal: AbortSignal): Promise<TestCaseResult[]> {
  // A file that cannot be stat'ed is left to the reader, which says why in its own words.
  const size = await stat(file).then((s) => s.size, () => 0);
  const onWorker = size >= WORKER_FROM_BYTES && beside.queued < here.queued && canUseWorker();
  const lane = onWorker ? beside : here;
  const read = () => (onWorker ? readOnWorker(file, signal) : readJUnitFile(file, signal));
  lane.queued += size;
  const turn = lane.busy.then(read, read).finally(() => (lane.queued -= size));
  lane.busy = turn.catch(() => undefined);
  return turn;
}

function canUseWorker(): boolean {
  workerBuilt ??= existsSync(fileURLToPath(WORKER_FILE));
  return workerBuilt && availableParallelism() >= 2;
}

function readOnWorker(file: string, signal: AbortSignal): Promise<TestCaseResult[]> {
  signal.throwIfAborted();
  const worker = new Worker(WORKER_FILE, { workerData: { file } });
  return new Promise<TestCaseResult[]>((resolve, reject) => {
    const abort = () => {
      void worker.terminate();
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, { once: true });
    const settle = (outcome: () => void) => {
      signal.removeEventListener("abort", abort);
      worker.removeAllListeners();
      outcome();
    };
    worker.once("error", (error) => settle(() => reject(error)));
    worker.once("exit", (code) => settle(() => reject(new Error(`the JUnit reader's thread exited (code ${code}) before reading ${file}`))));
    worker.once("message", (message: { cases?: PackedCases; error?: { message: string; line?: number | null; column?: number | null } }) =>
      settle(() => {
        const { cases, error } = message;
        if (cases) resolve(unpackCases(cases));
        else if (error && "line" in error) reject(new JUnitSyntaxError(error.line ?? null, error.message, error.column ?? null));
        else reject(new Error(error?.message ?? "the JUnit reader's thread failed"));
      }),
    );
  });
}
