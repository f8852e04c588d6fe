import { setMaxListeners } from "node:events";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { httpClientFor } from "../http/shared.js";
import { Semaphore, sleep } from "../http/limits.js";
import { assertSafeMethod, describeRequest, requestBody, requestPath } from "../http/request.js";
import type { FailureKind } from "../http/failure.js";
import type { LatencyOptions } from "./options.js";
import type { LatencySnapshot } from "./types.js";

// The first send waits this long so every timer of the schedule is armed before it starts.
const START_DELAY_MS = 20;
const LOOP_RESOLUTION_MS = 5;

/**
 * Open-model sampling (wrk2's lesson): request i is due at start + i/rate whatever happened
 * to the ones before it, and its latency runs from that due time, so a stalled server is
 * charged for the requests it kept waiting. The runner starts staging and production at the
 * same moment and both follow the same schedule, so a noisy minute hits both sides alike.
 */
export async function collectLatency(env: Environment, ctx: CollectContext<LatencyOptions>): Promise<LatencySnapshot> {
  const o = ctx.options;
  assertSafeMethod(o.request, o.allowUnsafeMethods);
  const client = httpClientFor(env, ctx);
  const rate = Math.min(o.ratePerSecond, client.pacer.ratePerSecond);
  const concurrency = Math.min(o.concurrency, client.gate.limit);
  const total = o.warmup + o.samples;
  const intervalMs = 1000 / rate;
  const needMs = START_DELAY_MS + (total - 1) * intervalMs + o.requestTimeoutMs;
  if (needMs > ctx.timeoutMs) {
    throw client.error(
      `${total} requests at ${rate}/s with a ${o.requestTimeoutMs} ms request timeout may need ${Math.ceil(needMs / 1000)} s, ` +
        `more than the probe's ${ctx.timeoutMs} ms deadline: raise the probe's timeoutMs or lower samples`,
    );
  }

  const { body, contentType } = requestBody(o.request);
  const request = {
    method: o.request.method,
    path: requestPath(o.request),
    headers: { ...(contentType ? { "content-type": contentType } : {}), ...(o.request.headers ?? {}) },
    body,
  };
  client.redactor.addHeaderValues(o.request.headers);

  const snapshot: LatencySnapshot = {
    request: describeRequest(o.request),
    ratePerSecond: rate,
    concurrency,
    caps: client.caps,
    requestTimeoutMs: o.requestTimeoutMs,
    latencyUs: new Array<number | null>(o.samples).fill(null),
    serviceUs: new Array<number | null>(o.samples).fill(null),
    outcomes: new Array<number | FailureKind>(o.samples).fill("other"),
    lateUs: new Array<number>(o.samples).fill(0),
    failures: {},
    eventLoopDelay: { p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 },
    durationMs: 0,
  };
  // Every scheduled request listens on the signal; a child signal of our own keeps Node from
  // warning about hundreds of listeners on the runner's.
  const signal = AbortSignal.any([ctx.signal]);
  setMaxListeners(total + 16, signal);
  const local = new Semaphore(concurrency);
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  let start = performance.now() + START_DELAY_MS;

  // i < 0: a warmup request (connections, JIT), on the same schedule but not recorded.
  const one = async (i: number): Promise<void> => {
    let due = start + (i + o.warmup) * intervalMs;
    await sleep(due - performance.now(), signal);
    // Timers have millisecond granularity and may fire a little early; a request sent before
    // its due time must not be timed from that later instant.
    const woke = performance.now();
    due = Math.min(due, woke);
    const late = woke - due;
    const release = await local.acquire(signal);
    try {
      const result = await client.send(request, { signal, timeoutMs: o.requestTimeoutMs });
      const s = i;
      if (s < 0) return;
      snapshot.lateUs[s] = Math.round(late * 1000);
      // A timer that fired late, waiting on the environment's rate cap (which other probes
      // share) and the HTTP client's own time around the exchange are parity's doing and are
      // taken out; waiting for a free connection, which a slow service causes, stays in: that is
      // the coordinated-omission correction.
      const { endedAt, sentAt, pacedMs, clientMs } = result.timing;
      const latency = Math.round((endedAt - due - late - pacedMs - clientMs) * 1000);
      if (result.ok) {
        snapshot.latencyUs[s] = latency;
        snapshot.serviceUs[s] = Math.round((endedAt - sentAt - clientMs) * 1000);
        snapshot.outcomes[s] = result.response.status;
      } else {
        snapshot.outcomes[s] = result.failure.kind;
        if (result.failure.kind === "timeout") snapshot.latencyUs[s] = latency;
        const reason = client.redactor.scrub(result.failure.reason);
        snapshot.failures[reason] = (snapshot.failures[reason] ?? 0) + 1;
      }
    } finally {
      release();
    }
  };

  try {
    // Warmup first and to completion: a slow first connection must not leave a backlog that
    // the timed requests inherit (at a rate equal to the cap, a backlog never drains). The
    // timed schedule then resumes where the warmup's would have ended, so both sides stay aligned.
    await Promise.all(Array.from({ length: o.warmup }, (_, i) => one(i - o.warmup)));
    start = Math.max(start, performance.now() - o.warmup * intervalMs);
    await Promise.all(Array.from({ length: o.samples }, (_, i) => one(i)));
  } finally {
    loop.disable();
  }
  snapshot.durationMs = Math.round(performance.now() - start);
  // The histogram's values include the sampling interval itself; only the excess is a stall.
  const loopMs = (ns: number): number => (Number.isFinite(ns) ? Math.max(0, Math.round(ns / 1e3 - LOOP_RESOLUTION_MS * 1e3) / 1e3) : 0);
  snapshot.eventLoopDelay = {
    p50Ms: loopMs(loop.percentile(50)),
    p95Ms: loopMs(loop.percentile(95)),
    p99Ms: loopMs(loop.percentile(99)),
    maxMs: loopMs(loop.max),
  };

  if (snapshot.outcomes.every((x) => typeof x === "string")) {
    const [reason] = Object.entries(snapshot.failures).sort((a, b) => b[1] - a[1])[0] ?? ["no answer"];
    throw client.error(`${client.describe(request.method, request.path)}: ${reason} (all ${o.samples} timed requests failed)`);
  }
  return snapshot;
}
