import { parentPort, workerData } from "node:worker_threads";
import { type Cluster, startClusters } from "./database-clusters.js";

/**
 * A worker thread hosting some of the demo's PGlite clusters (src/demo/database.ts starts two).
 * PGlite runs PostgreSQL as WebAssembly on the thread that created it: here, off the CLI's main
 * thread, so two threads start the clusters on both cores, and the audit's queries on them run
 * beside the probes instead of stalling the CLI's event loop.
 *
 * Messages: it posts `{ urls }` once its clusters serve (or `{ error }`), and on "stop" closes
 * them and posts "stopped".
 */
const port = parentPort;
if (!port) throw new Error("database-worker.js runs as a worker thread of the demo");

// An async function, not top-level await: the built CLI's chunks are CommonJS (scripts/build.mjs).
async function serve(port: NonNullable<typeof parentPort>): Promise<void> {
  try {
    const { urls, close } = await startClusters((workerData as { clusters: Cluster[] }).clusters);
    port.postMessage({ urls });
    port.on("message", (message) => {
      if (message !== "stop") return;
      void close().then(() => {
        port.postMessage("stopped");
        port.close();
      });
    });
  } catch (error) {
    port.postMessage({ error: (error as Error)?.message ?? String(error) });
  }
}

void serve(port);
