import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DemoPart } from "./part.js";
import { demoParts } from "./parts.js";

export interface RunningDemo {
  env: NodeJS.ProcessEnv;
  workDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded staging and production: every demo part in a fresh temporary folder,
 * with the variables the example map reads. Stops whatever started if a later part fails.
 */
export async function startDemo(): Promise<RunningDemo> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "parity-demo-"));
  const started: DemoPart[] = [];
  const stop = async () => {
    await Promise.allSettled(started.reverse().map((p) => p.close()));
    await rm(workDir, { recursive: true, force: true });
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The parts are independent; starting them together keeps the demo's start-up short.
  const results = await Promise.allSettled(demoParts.map(async (part) => (await part.start())(workDir)));
  for (const result of results) if (result.status === "fulfilled") started.push(result.value);
  const failed = results.findIndex((r) => r.status === "rejected");
  if (failed >= 0) {
    await stop();
    const reason = (results[failed] as PromiseRejectedResult).reason as Error;
    throw new Error(`the demo's ${demoParts[failed]!.name} did not start: ${reason?.message ?? String(reason)}`);
  }
  for (const part of started) Object.assign(env, part.env);
  return { env, workDir, stop };
}
