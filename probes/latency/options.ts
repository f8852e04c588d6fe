import { z } from "zod";
import { requestSchema } from "../http/request.js";
import { LOAD_BOUNDS, boundMessage } from "../http/caps.js";
import { grouped } from "../../src/grouped.js";

export const thresholdsSchema = z
  .strictObject({
    p50Ms: z.number().positive().optional().describe("Report a p50 gap only when it exceeds this many milliseconds"),
    p95Ms: z.number().positive().optional().describe("Report a p95 gap only when it exceeds this many milliseconds"),
    p99Ms: z.number().positive().optional().describe("Report a p99 gap only when it exceeds this many milliseconds"),
    p95Ratio: z.number().gt(1).optional().describe("Report a p95 gap only when the slower side is this many times the faster"),
    p99Ratio: z.number().gt(1).optional().describe("Report a p99 gap only when the slower side is this many times the faster"),
    errorRate: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Report an error-rate gap only when the rates differ by more than this (0.01 = one point)"),
  })
  .describe("When a gap is worth reporting; a gap must also exceed the measured noise");

/** Used when the map gives no thresholds. */
export const DEFAULT_THRESHOLDS = { p95Ratio: 1.5, errorRate: 0.01 } as const;

export const latencyOptions = {
  request: requestSchema.describe("The request to time"),
  samples: z
    .number()
    .int()
    .min(2)
    .max(LOAD_BOUNDS.latencySamples, boundMessage("timed requests per environment", LOAD_BOUNDS.latencySamples))
    .default(60)
    .describe("Timed requests per environment (p95 needs 72, p99 368 for a verdict)"),
  warmup: z.number().int().min(0).max(1000, boundMessage("warm-up requests", 1000)).default(5).describe("Requests sent first and not counted"),
  concurrency: z
    .number()
    .int()
    .positive()
    .max(LOAD_BOUNDS.probeConcurrency, `at most ${LOAD_BOUNDS.probeConcurrency} (and never more than the environment's http.maxConcurrency, itself at most ${LOAD_BOUNDS.concurrency})`)
    .default(2)
    .describe("Most requests in flight (capped by http.maxConcurrency)"),
  ratePerSecond: z
    .number()
    .positive()
    .max(
      LOAD_BOUNDS.probeRatePerSecond,
      `at most ${grouped(LOAD_BOUNDS.probeRatePerSecond)} (and never more than the environment's http.maxRatePerSecond, itself at most ${LOAD_BOUNDS.ratePerSecond})`,
    )
    .default(10)
    .describe("Requests started per second (capped by http.maxRatePerSecond)"),
  // Named requestTimeoutMs because every probe entry's own `timeoutMs` is the probe's deadline.
  requestTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(LOAD_BOUNDS.requestTimeoutMs, `at most ${grouped(LOAD_BOUNDS.requestTimeoutMs)} ms: a request held longer is a hung server, not a slow one`)
    .default(10_000)
    .describe("Timeout of each request; a timed-out request counts as an error"),
  thresholds: thresholdsSchema.optional(),
  allowUnsafeMethods: z.boolean().default(false).describe("Allow methods other than GET, HEAD and OPTIONS"),
};

const optionsObject = z.object(latencyOptions);
export type LatencyOptions = z.output<typeof optionsObject>;
export type Thresholds = z.output<typeof thresholdsSchema>;
