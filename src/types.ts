/** The vocabulary shared by probes, the assessment and every reporter. */

export const DIMENSIONS = ["test-reliability", "data-fidelity", "deployment-friction", "security"] as const;
/** A parity dimension: what kind of risk a difference speaks to. */
export type Dimension = (typeof DIMENSIONS)[number];

/** How a dimension is named in sentences and headings. */
export const DIMENSION_TITLE: Record<Dimension, string> = {
  "test-reliability": "Test reliability",
  "data-fidelity": "Data fidelity",
  "deployment-friction": "Deployment friction",
  security: "Security",
};

export const SEVERITIES = ["low", "medium", "high"] as const;
/** How much an observed difference matters on its own, before the map is consulted. */
export type Severity = (typeof SEVERITIES)[number];

export const RATINGS = ["high", "medium", "low", "unknown"] as const;
/** A dimension's rating: how much risk the gaps on it carry (high = worst). */
export type Rating = (typeof RATINGS)[number];

export const CLASSES = ["declared", "undeclared", "stale", "manual", "error"] as const;
/** How a finding relates to the parity map. */
export type FindingClass = (typeof CLASSES)[number];

/** A JSON-serialisable value, as carried in observations and snapshots. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One difference (or notable fact) a probe saw between the two sides.
 * `staging`/`production` carry the evidence, already redacted where secret.
 */
export interface Observation {
  subject: string;
  aspect: string;
  severity: Severity;
  message: string;
  staging: JsonValue;
  production: JsonValue;
  /** Overrides the probe's default dimension for this observation. */
  dimension?: Dimension;
  /**
   * An observation that states a measurement rather than a gap (e.g. "tests: 3 of 38 …",
   * "latency inconclusive"). Informational observations are reported but never trip a gate,
   * never count as undeclared, and never keep a map entry from being stale.
   */
  informational?: boolean;
  /**
   * With `informational`: the probe looked at this subject and aspect but could not decide (too
   * few samples, too much noise). A map entry it matches is unverified this time, not stale.
   */
  inconclusive?: boolean;
  /**
   * The map entry this observation is evidence about, when the probe knows it (an incident
   * traced to an entry, say). Assessment files it under that entry, in the entry's dimension.
   */
  difference?: string;
}

/** An observation after assessment against the map. */
export interface Finding {
  probe: string;
  subject: string;
  aspect: string;
  class: FindingClass;
  /** The map entry's id when declared, stale or manual. */
  difference: string | null;
  dimension: Dimension;
  severity: Severity;
  message: string;
  staging: JsonValue;
  production: JsonValue;
  informational?: boolean;
  /** For declared findings: the entry's impact and status, copied for reporters. */
  entry?: EntrySummary;
}

/** What reporters need of a map entry, without reaching back into the map. */
export interface EntrySummary {
  id: string;
  summary: string;
  impact: Severity;
  status: "open" | "mitigated" | "accepted";
  mitigation?: string;
  owner?: string;
  reviewBy?: string;
  overdue: boolean;
  /** Where the entry sits in the map file, for annotations. */
  line?: number;
}

export type ProbeStatus = "ok" | "error" | "skipped";

/** One probe's run on one pair. */
export interface ProbeRun {
  id: string;
  kind: string;
  status: ProbeStatus;
  durationMs: number;
  /** Why the probe could not run (already redacted). */
  error?: string;
  /** Which side failed, when only one did. */
  side?: "staging" | "production" | "both";
}

export interface DimensionAssessment {
  rating: Rating;
  summary: string;
  /** How much of the evidence for this dimension could be gathered. */
  confidence: "high" | "medium" | "low";
}

export interface PairAudit {
  name: string;
  staging: string;
  production: string;
  probes: ProbeRun[];
  findings: Finding[];
  dimensions: Record<Dimension, DimensionAssessment>;
}

/** The audit: the one contract between the engine and every reporter. */
export interface Audit {
  schemaVersion: 1;
  service: string;
  generatedAt: string;
  parityVersion: string;
  map: string;
  pairs: PairAudit[];
  /** Map entries that no pair could verify or that are overdue, by id. */
  upkeep: { stale: string[]; overdue: string[] };
  /** What changed since the previous saved audit (absent with --no-history). */
  sinceLast?: SinceLast;
}

/** What changed since the previous saved audit. */
export interface SinceLast {
  previous: string | null;
  newFindings: Array<{ pair: string; probe: string; subject: string; aspect: string }>;
  resolved: Array<{ pair: string; probe: string; subject: string; aspect: string }>;
}
