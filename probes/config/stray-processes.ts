import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";

/**
 * Every process a config command starts carries this variable, with a value unique to that
 * run: `nohup` and `setsid` take a child out of the command's process group, but not out of
 * the environment it inherited. Linux lists each process's initial environment in
 * /proc/PID/environ, so the command's strays can be found and killed when it ends (no library
 * does this: tree-kill and friends follow parent links, which a detached child has cut). A
 * process that empties its own environment (`env -i`) is out of reach; elsewhere than Linux
 * only the process group is killed.
 */
export const RUN_MARKER = "PARITY_CONFIG_COMMAND_RUN";

export function newRunId(): string {
  return randomBytes(8).toString("hex");
}

/** SIGKILLs every process (but this one) whose environment carries the run's marker; returns how many. */
export async function killStrays(runId: string): Promise<number> {
  const needle = Buffer.from(`\0${RUN_MARKER}=${runId}\0`);
  let killed = 0;
  // A stray may fork while it is being killed: look again until a pass finds none.
  for (let pass = 0; pass < 5; pass++) {
    const pids = await marked(needle);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
        killed++;
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return killed;
}

async function marked(needle: Buffer): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return []; // no /proc: not Linux
  }
  const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => pid !== process.pid);
  const found = await Promise.all(
    pids.map(async (pid) => {
      try {
        // A leading NUL so the marker matches as a whole variable, wherever it sits.
        const environ = Buffer.concat([Buffer.from([0]), await readFile(`/proc/${pid}/environ`)]);
        return environ.includes(needle) ? pid : undefined;
      } catch {
        return undefined; // gone, or another user's
      }
    }),
  );
  return found.filter((pid): pid is number => pid !== undefined);
}
