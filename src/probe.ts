import type { z } from "zod";
import type { Dimension, Observation } from "./types.js";
import type { Environment } from "./map/schema.js";
import type { TargetKind } from "./target.js";


/** What `collect` gets besides the environment: one side, one probe, one deadline. */
export interface CollectContext<Options> {
  /** The probe's id and its options from the map (already validated, ${VARS} expanded). */
  probeId: string;
  options: Options;
  /** Aborted when the probe's timeout passes or the audit is cancelled. Honour it. */
  signal: AbortSignal;
  /** The probe's deadline in milliseconds (so drivers can set their own statement timeouts). */
  timeoutMs: number;
  /** Which side of the pair this environment plays. */
  side: "staging" | "production";
  /** The map file's folder: relative paths in the map resolve against it. */
  mapDir: string;
  /**
   * Keyed hash (HMAC-SHA-256 under PARITY_HASH_KEY, else a random key for this audit) for every
   * value a snapshot must not reveal: secret config values, masked categories. Equal on both sides
   * of one audit; `hashKey` names the key, so a snapshot records which one it used.
   */
  secretHash(value: string): string;
  hashKey: string;
  /**
   * A resource shared by every probe that runs against this environment during one audit
   * (an HTTP pool with the environment's rate caps, say). Created on first use, closed by the
   * runner when the audit ends.
   */
  shared<T extends Closable>(key: string, create: () => T): T;
  /** Caps the person running the audit set with `--allow-load` (absent: the map's caps, within their bounds). */
  allowLoad?: LoadAllowance;
}

/** `parity audit --allow-load RATE/CONCURRENCY`: every environment's HTTP caps for this audit. */
export interface LoadAllowance {
  ratePerSecond: number;
  concurrency: number;
}

export interface Closable {
  close?(): Promise<void> | void;
}

/** What `compare` gets: pure data, no I/O. */
export interface CompareContext<Options> {
  probeId: string;
  options: Options;
  staging: Environment;
  production: Environment;
  /** Ids of the map's difference entries (the incidents probe traces to them). */
  differenceIds: string[];
  /** The time the audit started, so that comparisons involving "now" are reproducible. */
  now: Date;
}

/** A probe kind: one folder in probes/, one line in probes/index.ts. */
export interface Probe<Options = unknown, Snapshot = unknown> {
  kind: string;
  /** The dimension its observations speak to unless an observation says otherwise. */
  dimension: Dimension;
  /** Further dimensions its observations can speak to (a clean run is evidence for them too). */
  covers?: readonly Dimension[];
  /**
   * How the narrative counts its undeclared differences: "1 configuration value differs",
   * "4 cache settings differ" (`self`: the noun already says nobody wrote it down).
   */
  nouns?: { one: string; many: string; self?: boolean };
  /** One line for `parity --help`, the README and the JSON Schema. */
  description: string;
  /**
   * The kind of target it reads, if any: the runner resolves which one (named or not) and
   * hands it over in `env[target.section]`. Declaring it here is what adds the kind's sections
   * to the map's environments.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its own section type
  target?: TargetKind<any>;
  /** The probe's options in the map (besides `id`, `kind`, `timeoutMs`): a zod object shape. */
  options: z.ZodRawShape;
  /**
   * It measures time (latency): the runner collects it in a phase of its own, one timing probe
   * at a time with nothing else running, so other work cannot stall its clock or spend the
   * environment's rate budget.
   */
  timing?: boolean;
  /** The default per-probe timeout in milliseconds, when the map does not set one. */
  defaultTimeoutMs?: number;
  /** Talks to one environment and returns a JSON-serialisable snapshot. */
  collect(env: Environment, ctx: CollectContext<Options>): Promise<Snapshot>;
  /** Pure judgement of two snapshots. */
  compare(staging: Snapshot, production: Snapshot, ctx: CompareContext<Options>): Observation[];
}

/**
 * A function whose module loads on its first call. A probe's definition (kind, options: what the
 * map schema needs) is loaded by every command, down to `map validate`; its collect code pulls in
 * drivers (pg, mysql2, undici, saxes …) that only the probes of this audit should pay for:
 * `collect: lazy(async () => (await import("./collect.js")).collectSchema)`.
 */
export function lazy<Args extends unknown[], Result>(load: () => Promise<(...args: Args) => Promise<Result>>): (...args: Args) => Promise<Result> {
  let loaded: Promise<(...args: Args) => Promise<Result>> | undefined;
  return async (...args) => (await (loaded ??= load()))(...args);
}

/** Identity helper that keeps a probe's option and snapshot types checked together. */
export function defineProbe<Options, Snapshot>(probe: Probe<Options, Snapshot>): Probe<Options, Snapshot> {
  return probe;
}
