import { spawn } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
/** The built CLI, as `bin` in package.json names it (scripts/build.mjs writes it). */
export const bin = path.join(repoRoot, "dist/bundle/parity.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would (npm test builds it first), colour off unless asked. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, GITHUB_ACTIONS: undefined, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Dates and timings change every run; snapshots compare the rest. */
export function normalise(text: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, "<timestamp>")
    .replace(/\b\d+(\.\d+)? ?ms\b/g, "<n> ms")
    .replace(/"durationMs": \d+/g, '"durationMs": <n>')
    .replace(/\b20\d\d-\d\d-\d\d\b/g, "<date>")
    .replace(/\b\d\d:\d\d UTC\b/g, "<time> UTC")
    // Table columns widen with the timings' digits: fold the padding and rules.
    .replace(/ +│/g, " │")
    .replace(/─+/g, "─");
}
