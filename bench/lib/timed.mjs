// One command under GNU time, as every bench that compares whole processes runs it.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";

/**
 * Runs `cmd args` under /usr/bin/time: resolves its wall time (ms), peak RSS (KiB) and stdout.
 * `stdout: FILE` also writes the output there (through `filter`); exit codes other than
 * `allowExit` reject with the command's stderr (diff exits 1 when the files differ: allow it).
 */
export function timed(cmd, args, { env, allowExit = [0], stdout, filter = (t) => t } = {}) {
  return new Promise((resolveRun, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-f", "__RSS__ %M", cmd, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const chunks = [];
    let stderr = "";
    child.stdout.on("data", (d) => chunks.push(d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const text = Buffer.concat(chunks).toString();
      if (stdout) writeFileSync(stdout, filter(text));
      if (!allowExit.includes(code)) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(0, 800)}`));
      resolveRun({ ms, rss: Number(/__RSS__ (\d+)/.exec(stderr)?.[1] ?? NaN), stdout: text });
    });
  });
}
