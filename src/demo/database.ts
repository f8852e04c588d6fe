import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CLUSTER_VARIABLES, type Cluster, removeStaleClusterCaches, startClusters } from "./database-clusters.js";
import type { DemoPart, StartDemoPart } from "./part.js";

/**
 * The clusters of each worker thread: two threads for two cores, the clusters dealt out in
 * turn, so the three seeded payments clusters (the costly ones on a first run) land on both.
 */
const CLUSTERS = Object.keys(CLUSTER_VARIABLES) as Cluster[];
const THREADS: Cluster[][] = [0, 1].map((t) => CLUSTERS.filter((_, i) => i % 2 === t));

/**
 * The demo's PostgreSQL clusters: STAGING_DB_URL and PRODUCTION_DB_URL (production-eu),
 * PRODUCTION_US_DB_URL, and the ledger database's STAGING_LEDGER_DB_URL and
 * PRODUCTION_LEDGER_DB_URL. In the built CLI they run on two worker threads
 * (database-worker.ts); where the worker is not built (the tests run the TypeScript sources),
 * on this thread. Stops whatever started if one fails.
 */
export const startDemoDatabases: StartDemoPart = async () => {
  const worker = new URL("./database-worker.js", import.meta.url);
  const part = await (existsSync(fileURLToPath(worker)) ? onWorkers(worker) : onThisThread(CLUSTERS));
  // Once this build's clusters serve, older saved ones can go; a temp folder we cannot tidy is no reason to stop.
  await removeStaleClusterCaches().catch(() => undefined);
  return part;
};

async function onThisThread(clusters: Cluster[]): Promise<DemoPart> {
  const { urls, close } = await startClusters(clusters);
  return { env: variables(urls), close };
}

/** The variables the example map reads, from each cluster's URL. */
function variables(urls: Partial<Record<Cluster, string>>): Record<string, string> {
  return Object.fromEntries(CLUSTERS.map((c) => [CLUSTER_VARIABLES[c], urls[c]!]));
}

interface Hosted {
  worker: Worker;
  urls: Partial<Record<Cluster, string>>;
}

function host(file: URL, clusters: Cluster[]): Promise<Hosted> {
  const worker = new Worker(file, { workerData: { clusters } });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      void worker.terminate();
      reject(error);
    };
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`the database thread exited (code ${code}) before its clusters served`)));
    worker.once("message", (message: { urls?: Partial<Record<Cluster, string>>; error?: string }) => {
      worker.removeAllListeners("exit");
      worker.removeAllListeners("error");
      if (message.urls) resolve({ worker, urls: message.urls });
      else fail(new Error(message.error ?? "the database thread failed"));
    });
  });
}

/** Asks a thread to close its clusters (their sockets, cleanly), then ends it; gives up after 10 s. */
async function stop({ worker }: Hosted): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    worker.once("message", () => resolve());
    worker.once("exit", () => resolve());
  });
  worker.postMessage("stop");
  await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  await worker.terminate();
}

async function onWorkers(file: URL): Promise<DemoPart> {
  const results = await Promise.allSettled(THREADS.map((clusters) => host(file, clusters)));
  const hosted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const close = async () => void (await Promise.allSettled(hosted.map(stop)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { env: variables(Object.assign({}, ...hosted.map((h) => h.urls))), close };
}
