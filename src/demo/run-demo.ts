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
  try {
    for (const part of demoParts) {
      const start = await part.start();
      const running = await start(workDir);
      started.push(running);
      Object.assign(env, running.env);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, workDir, stop };
}
