import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface DelayServer {
  url: string;
  /** Requests answered so far (the control endpoint not counted). */
  count(): Promise<number>;
  /** How long the server really held each request, in ms. */
  held(): Promise<number[]>;
  close(): Promise<void>;
}

/** Starts `delay-server.mjs` in a child process: a target whose clock the test cannot disturb. */
export async function startDelayServer(options: { delayMs: number; jitterMs?: number }): Promise<DelayServer> {
  const child: ChildProcess = spawn(process.execPath, [path.join(import.meta.dirname, "delay-server.mjs"), "--delay", String(options.delayMs), "--jitter", String(options.jitterMs ?? 0)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
    child.once("exit", (code) => reject(new Error(`delay server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const stats = async () => (await (await fetch(`${url}/__parity_test/held`)).json()) as { count: number; held: number[] };
  return {
    url,
    count: async () => (await stats()).count,
    held: async () => (await stats()).held,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
