import { EventEmitter } from "node:events";
import { Pool } from "undici";
import type { Dispatcher } from "undici";
import { ProbeError } from "../../src/errors.js";
import { Redactor, redactUrl, urlSecrets } from "../../src/redact.js";
import { describeFailure } from "./failure.js";
import type { Failure } from "./failure.js";
import { Pacer, Semaphore } from "./limits.js";
import { connectorWithin } from "./connector.js";
import { timeOnTheWire, type OnTheWire } from "./wire-clock.js";
import type { EffectiveCaps, LoadAllowance } from "./caps.js";

/** The environment's `http` section as the probes need it (defaults already applied by the schema). */
export interface HttpSettings {
  baseUrl?: string;
  headers?: Record<string, string>;
  maxConcurrency: number;
  maxRatePerSecond: number;
  insecure: boolean;
}

export interface OutgoingRequest {
  method: string;
  /** Path and query relative to the base URL. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface ResponseData {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The body was longer than the limit and was cut there. */
  truncated: boolean;
}

/** Milliseconds on the performance.now() clock. */
export interface RequestTiming {
  /** When the caps let the request go (it was sent right after). */
  sentAt: number;
  endedAt: number;
  /** Time spent waiting on the environment's rate cap (parity's own pacing, not the service). */
  pacedMs: number;
  /** The HTTP client's own time within sentAt…endedAt (writing the request, handing over the answer: wire-clock.ts), not the service's. */
  clientMs: number;
}

export type SendResult =
  | { ok: true; response: ResponseData; timing: RequestTiming }
  | { ok: false; failure: Failure; timing: RequestTiming };

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One environment's HTTP client: an undici Pool on the base URL's origin (undici's
 * Pool.request costs about half of fetch per call), behind the environment's concurrency and
 * rate caps, which every HTTP probe against that environment shares through ctx.shared("http").
 */
export class HttpClient {
  readonly origin: string;
  readonly basePath: string;
  readonly baseUrl: URL;
  readonly insecure: boolean;
  /** Scrubs the map's header values (tokens) and URL secrets from anything we report. */
  readonly redactor = new Redactor();
  readonly gate: Semaphore;
  readonly pacer: Pacer;
  /** The caps every request to this environment runs under (the snapshots record them). */
  readonly caps: EffectiveCaps;
  /** One pool per request timeout: see poolFor. */
  private readonly pools = new Map<number, Pool>();
  private readonly headers: Record<string, string>;

  constructor(settings: HttpSettings, envName: string, allowLoad?: LoadAllowance) {
    if (!settings.baseUrl) throw new ProbeError(`environment ${envName} has no http.baseUrl`);
    let url: URL;
    try {
      url = new URL(settings.baseUrl);
    } catch {
      throw new ProbeError(`environment ${envName}: http.baseUrl is not a URL: ${redactUrl(settings.baseUrl)}`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ProbeError(`environment ${envName}: http.baseUrl must be http:// or https://, got ${url.protocol}`);
    }
    this.redactor.add(...urlSecrets(settings.baseUrl), url.username || undefined);
    this.redactor.addHeaderValues(settings.headers);
    this.baseUrl = url;
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, "");
    this.insecure = settings.insecure;
    this.headers = { ...(settings.headers ?? {}) };
    this.caps = allowLoad
      ? { ratePerSecond: allowLoad.ratePerSecond, concurrency: allowLoad.concurrency, raised: true }
      : { ratePerSecond: settings.maxRatePerSecond, concurrency: settings.maxConcurrency, raised: false };
    this.gate = new Semaphore(this.caps.concurrency);
    this.pacer = new Pacer(this.caps.ratePerSecond);
  }

  /**
   * A connect (TCP and TLS handshake) is timed per pool, not per request, and a request's abort
   * does not cut it short: a handshake that never completes outlived a 1 s request timeout
   * tenfold (undici's default is 10 s). So each request timeout gets its pool, connecting within
   * that same timeout (connector.ts); the caps (gate, pacer) stay shared by all of them.
   */
  private poolFor(timeoutMs: number): Pool {
    let pool = this.pools.get(timeoutMs);
    if (!pool) {
      pool = new Pool(this.origin, {
        connections: this.caps.concurrency,
        pipelining: 1,
        connect: connectorWithin(timeoutMs, { rejectUnauthorized: !this.insecure }),
        // Each request runs on its own timer (see dispatch), which also covers these phases.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      this.pools.set(timeoutMs, pool);
    }
    return pool;
  }

  /** Runs `fn` inside the environment's caps (one concurrency slot, one rate slot). */
  async withinCaps<T>(signal: AbortSignal, fn: (pacedMs: number) => Promise<T>): Promise<T> {
    const release = await this.gate.acquire(signal);
    try {
      const slot = await this.pacer.acquire(signal);
      try {
        return await fn(slot.waitedMs);
      } finally {
        slot.done();
      }
    } finally {
      release();
    }
  }

  /** Sends one request within the caps; never throws for target misbehaviour, only when `signal` aborts. */
  send(req: OutgoingRequest, opts: { signal: AbortSignal; timeoutMs: number; maxBodyBytes?: number }): Promise<SendResult> {
    return this.withinCaps(opts.signal, (pacedMs) => this.dispatch(req, opts, pacedMs));
  }

  private async dispatch(
    req: OutgoingRequest,
    opts: { signal: AbortSignal; timeoutMs: number; maxBodyBytes?: number },
    pacedMs: number,
  ): Promise<SendResult> {
    if (opts.signal.aborted) throw opts.signal.reason;
    const sentAt = performance.now();
    // A plain EventEmitter as the request's abort signal, and one listener per caller signal
    // rather than one per request: undici accepts either, and on loopback an AbortController
    // per request (an EventTarget) costs more CPU than the rest of the request.
    const abort = new EventEmitter();
    let timedOut = false;
    const handle = setTimeout(() => {
      timedOut = true;
      abort.emit("abort");
    }, opts.timeoutMs);
    const inflight = this.inflightFor(opts.signal);
    inflight.add(abort);
    let phase = "waiting for the response";
    let wire: OnTheWire<Promise<Dispatcher.ResponseData>> | undefined;
    try {
      const pool = this.poolFor(opts.timeoutMs);
      wire = timeOnTheWire(() =>
        pool.request({
          method: req.method as Dispatcher.HttpMethod,
          path: `${this.basePath}${req.path}`,
          headers: req.headers ? { ...this.headers, ...req.headers } : this.headers,
          body: req.body,
          signal: abort,
        }),
      );
      const res = await wire.result;
      phase = "reading the body";
      const { body, truncated } = await readBounded(res.body, res.headers["content-length"], opts.maxBodyBytes ?? MAX_BODY_BYTES);
      // The last byte is in: the clock stops before parity's own bookkeeping.
      const endedAt = performance.now();
      const response: ResponseData = { status: res.statusCode, headers: normaliseHeaders(res.headers), body, truncated };
      return { ok: true, response, timing: { sentAt, endedAt, pacedMs, clientMs: wire.clientMs(endedAt) } };
    } catch (err) {
      // The audit itself was cancelled: not the target's fault, let the runner see it.
      if (opts.signal.aborted) throw opts.signal.reason;
      const failure = describeFailure(err, { timedOut, timeoutMs: opts.timeoutMs, phase });
      const endedAt = performance.now();
      return { ok: false, failure, timing: { sentAt, endedAt, pacedMs, clientMs: wire?.clientMs(endedAt) ?? 0 } };
    } finally {
      clearTimeout(handle);
      inflight.delete(abort);
    }
  }

  private readonly inflight = new WeakMap<AbortSignal, Set<EventEmitter>>();

  /** The requests in flight under one caller signal; aborting it aborts them all. */
  private inflightFor(signal: AbortSignal): Set<EventEmitter> {
    let set = this.inflight.get(signal);
    if (!set) {
      const requests = new Set<EventEmitter>();
      signal.addEventListener("abort", () => requests.forEach((r) => r.emit("abort")), { once: true });
      this.inflight.set(signal, (set = requests));
    }
    return set;
  }

  /** `GET http://host/base/path`, with any secret in the URL redacted. */
  describe(method: string, path: string): string {
    return `${method} ${redactUrl(`${this.origin}${this.basePath}${path}`)}`;
  }

  /** A ProbeError whose message carries no secret. */
  error(message: string, cause?: unknown): ProbeError {
    return new ProbeError(this.redactor.scrub(message), { cause });
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map(closePool));
  }
}

/** A server that hangs must not hold the audit's exit: give in-flight requests a moment, then cut. */
async function closePool(pool: Pool): Promise<void> {
  const closed = pool.close().catch(() => undefined);
  const late = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 1000).unref());
  if ((await Promise.race([closed, late])) === "late") await pool.destroy().catch(() => undefined);
}

async function readBounded(
  body: Dispatcher.ResponseData["body"],
  contentLength: string | string[] | undefined,
  limit: number,
): Promise<{ body: Buffer; truncated: boolean }> {
  // Declared and small enough: read it in one go (cheaper than iterating chunks).
  if (typeof contentLength === "string" && Number(contentLength) <= limit) {
    return { body: Buffer.from(await body.arrayBuffer()), truncated: false };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    if (size + buf.length > limit) {
      chunks.push(buf.subarray(0, limit - size));
      body.destroy();
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(buf);
    size += buf.length;
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

function normaliseHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}
