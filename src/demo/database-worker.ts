import { parentPort, workerData } from "node:worker_threads";
import { type Cluster, startCluster } from "./database-clusters.js";

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
const clusters = (workerData as { clusters: Cluster[] }).clusters;

const results = await Promise.allSettled(clusters.map(startCluster));
const started = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
const closeAll = async () => void (await Promise.allSettled(started.map((c) => c.close())));
const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
if (failed) {
  await closeAll();
  const reason = failed.reason as Error;
  port.postMessage({ error: reason?.message ?? String(reason) });
} else {
  port.postMessage({ urls: Object.fromEntries(clusters.map((c, i) => [c, (results[i] as PromiseFulfilledResult<{ url: string }>).value.url])) });
}
port.on("message", (message) => {
  if (message !== "stop") return;
  void closeAll().then(() => {
    port.postMessage("stopped");
    port.close();
  });
});
