import type { SkippedEntry } from "../history/store.js";
import type { Confidence, Dimension, ExitCode, FailOn, Rating, Risk, VerdictCounts } from "../types.js";

/** One service (one map) in the fleet: its newest audit's gate and ratings. */
export interface FleetService {
  service: string;
  map: string;
  generatedAt: string;
  gate: FailOn;
  passed: boolean;
  exitCode: ExitCode;
  /** The audit's own gate line. */
  summary: string;
  pairs: string[];
  ratings: Record<Dimension, Rating>;
  confidence: Record<Dimension, Confidence>;
  counts: VerdictCounts;
  /** The owners named by the map's entries: the people who keep this map. */
  owners: string[];
  /** Where the audit came from (a file, a history row). */
  source: string;
}

/** Where a group's finding was seen. */
export interface FleetGroupMember {
  service: string;
  map: string;
  pairs: string[];
  risk: Risk | null;
  message: string;
  findings: string[];
}

/** One undeclared difference seen in several services: a change that drifted 40 services is one row. */
export interface FleetGroup {
  /** `config/PAYMENT_TIMEOUT_MS/value`: probe kind, subject, aspect. */
  key: string;
  probeKind: string;
  subject: string;
  aspect: string;
  dimension: Dimension;
  /** The highest risk any member carries. */
  risk: Risk | null;
  services: FleetGroupMember[];
  owners: string[];
}

export interface FleetTotals {
  services: number;
  passed: number;
  failed: number;
  /** Gate passed but a probe could not run (exit 3). */
  incomplete: number;
  counts: VerdictCounts;
  /** Per dimension, how many services are rated each way. */
  ratings: Record<Dimension, Record<Rating, number>>;
}

/** `parity fleet`: one report across services and regions (JSON: this object). */
export interface Fleet {
  kind: "parity-fleet";
  schemaVersion: 1;
  generatedAt: string;
  /** The audits read (after keeping the newest per service and map). */
  audits: number;
  services: FleetService[];
  totals: FleetTotals;
  /** Undeclared differences grouped by probe kind, subject and aspect; most widespread first. */
  groups: FleetGroup[];
  skipped: SkippedEntry[];
}
