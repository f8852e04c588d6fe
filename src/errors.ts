/**
 * The few error classes parity throws on purpose. Anything else reaching the CLI is a bug
 * and is reported as one, with the version.
 */

/** A problem in the user's parity map; carries every problem found, with positions. */
export class MapError extends Error {
  constructor(
    message: string,
    readonly problems: MapProblem[] = [],
  ) {
    super(message);
    this.name = "MapError";
  }
}

/** One located problem in a map file. */
export interface MapProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted key path, e.g. `probes[2].thresholds.p95Ratio`. */
  path: string;
  message: string;
  severity: "error" | "warning";
}

/** A target misbehaved (refused, timed out, answered garbage): the probe fails, the audit goes on. */
export class ProbeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ProbeError";
  }
}

/** The person running the audit cancelled it (Ctrl-C, SIGTERM): probes stop and report it as such. */
export class CancelledError extends ProbeError {
  constructor(readonly signal: string) {
    super(`cancelled (${signal})`);
    this.name = "CancelledError";
  }
}

/** The command line itself is wrong (unknown pair, unreadable --from file …). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
