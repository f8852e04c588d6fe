import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../cli/run-cli.js";

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  /** performance.now() when the process exited. */
  exitedAt: number;
  /** performance.now() when the last byte of stdout arrived (the report written). */
  reportAt: number;
}

/** `parity …` as a child process the test can signal mid-run (runCli only waits for the end). */
export function startCli(args: string[], cwd: string, timeoutMs = 90_000): { child: ChildProcess; done: Promise<Finished>; stderr: () => string; stdout: () => string } {
  const child = spawn(process.execPath, [path.join(repoRoot, "dist/src/cli/main.js"), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let reportAt = 0;
  child.stdout!.on("data", (d) => {
    stdout += d;
    reportAt = performance.now();
  });
  child.stderr!.on("data", (d) => (stderr += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const done = new Promise<Finished>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      const exitedAt = performance.now();
      clearTimeout(timer);
      // stdout may still be draining after "exit"; "close" follows once it is.
      child.once("close", () => resolve({ code, stdout, stderr, exitedAt, reportAt }));
    });
  });
  return { child, done, stderr: () => stderr, stdout: () => stdout };
}

/** Polls `check` every 50 ms until it returns true; false if `deadlineMs` passes first. */
export async function eventually(check: () => Promise<boolean> | boolean, deadlineMs: number): Promise<boolean> {
  const end = performance.now() + deadlineMs;
  for (;;) {
    if (await check()) return true;
    if (performance.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether a process still runs; a zombie does not (PID 1 in some containers never reaps them). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/**
 * A where that is allowed and costly: 300 nested md5() calls per row. On a table of 100,000 rows
 * the profile query runs for many seconds, long enough to cancel or kill it mid-statement.
 */
export const COSTLY_WHERE = Array.from({ length: 10 }, (_, k) => `${"md5(".repeat(30)}note${")".repeat(30)} <> 'x${k}'`).join(" AND ");
