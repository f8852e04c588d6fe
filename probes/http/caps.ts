import type { Observation } from "../../src/types.js";
import { grouped } from "../../src/grouped.js";
export type { LoadAllowance } from "../../src/probe.js";

/**
 * Hard upper bounds on what a map may ask of a target, whatever it says: the map's
 * `http.maxRatePerSecond`/`maxConcurrency`, sample counts and timeouts are refused above them. Only the person running the audit can go beyond, with
 * `parity audit --allow-load RATE/CONCURRENCY`, and the report says so.
 */
export const LOAD_BOUNDS = {
  /** One environment's caps (`http.maxRatePerSecond`, `http.maxConcurrency`): the load a target sees. */
  ratePerSecond: 50,
  concurrency: 16,
  /**
   * A latency probe's own schedule. It never exceeds the environment's caps at run time; these
   * only catch a map asking for what it could never get (an extra zero).
   */
  probeRatePerSecond: 1_000,
  probeConcurrency: 64,
  /** Timed requests of one latency probe, per environment. */
  latencySamples: 5_000,
  /** Requests of one status probe, and how often each is sent. */
  statusRequests: 100,
  statusSamples: 20,
  /** One request's timeout (a request held longer is a hung server, not a slow one). */
  requestTimeoutMs: 60_000,
} as const;

/** How the map author reads a refused bound, with the one way past it. */
export const boundMessage = (what: string, bound: number): string =>
  `at most ${grouped(bound)} ${what}: parity bounds the load it puts on a target, and no map can raise that (the person running the audit can, with parity audit --allow-load RATE/CONCURRENCY)`;

/** The caps an environment's HTTP probes ran under, recorded in their snapshots. */
export interface EffectiveCaps {
  ratePerSecond: number;
  concurrency: number;
  /** Set by `--allow-load` for this audit rather than by the map. */
  raised: boolean;
}

/** A measurement per side whose caps `--allow-load` raised: the report must say the audit loaded the target more. */
export function raisedCapsObservations(staging: EffectiveCaps | undefined, production: EffectiveCaps | undefined): Observation[] {
  const raised = ([["staging", staging], ["production", production]] as const).filter(([, caps]) => caps?.raised);
  if (raised.length === 0) return [];
  const caps = raised[0]![1]!;
  const sides = raised.map(([side]) => side).join(" and ");
  return [
    {
      subject: "http caps",
      aspect: "raised",
      severity: "low",
      kind: "measurement",
      message: `--allow-load raised the caps on ${sides} to ${caps.ratePerSecond} requests/s and ${caps.concurrency} in flight (the map's bound: ${LOAD_BOUNDS.ratePerSecond}/s and ${LOAD_BOUNDS.concurrency})`,
      staging: staging ? describe(staging) : null,
      production: production ? describe(production) : null,
    },
  ];
}

const describe = (caps: EffectiveCaps): string => `${caps.ratePerSecond}/s, ${caps.concurrency} in flight${caps.raised ? " (--allow-load)" : ""}`;
