import type { SessionRole } from "../database/session.js";

/** The data probe's snapshot: a self-describing, versioned profile of one environment's tables. */

/** How a column is profiled and compared. */
export type ColumnKind = "numeric" | "time" | "text" | "boolean" | "other";

/** How the profiled rows were chosen. */
export interface SampleInfo {
  /**
   * full: every row; system: PostgreSQL block sample; bernoulli: PostgreSQL row sample; keyblocks:
   * MySQL sample of integer-key blocks read as key ranges; crc32: MySQL key-hash sample (other keys).
   */
  method: "full" | "system" | "bernoulli" | "keyblocks" | "crc32";
  /** The share of the table asked for, in percent (100 for full). */
  percent: number;
  /** Rows the profile's statistics were computed on (after `where` and sampling). */
  rows: number;
}

/** One category value (or its hash when masked) and how often it occurs among the profiled rows. */
export interface CategoryCount {
  /** Absent when the value is masked. */
  value?: string;
  /** A keyed hash of the value (the profile's hashKey): compares across sides without carrying the value. */
  hash: string;
  count: number;
}

export interface CategoryProfile {
  top: CategoryCount[];
  /** Non-null rows whose value is not in `top`. */
  other: number;
  /** True when `top` lists every value (the GROUP BY did not hit its limit). */
  complete: boolean;
  masked: boolean;
}

export interface ColumnProfile {
  name: string;
  /** The server's type name (e.g. "numeric", "timestamp with time zone", "varchar"). */
  type: string;
  kind: ColumnKind;
  /** NULLs among the profiled rows. */
  nulls: number;
  /** Distinct non-null values; null for types without equality (json …). */
  distinct: number | null;
  /** False when estimated (hash buckets, or a sample standing for a larger table). */
  distinctExact: boolean;
  /** Numbers; time columns in seconds since 1970-01-01 UTC. */
  min?: number | null;
  max?: number | null;
  mean?: number | null;
  stddev?: number | null;
  /** Text columns: string lengths (the values themselves are never in the profile). */
  length?: { min: number | null; max: number | null; mean: number | null };
  /** Percentiles 0..100 (101 values, percentile_disc semantics) of numeric and time columns. */
  quantiles?: number[];
  /** Non-null rows the percentiles were computed from (a key-hash subsample on large tables). */
  quantileRows?: number;
  categories?: CategoryProfile;
}

export interface TableProfile {
  name: string;
  /** False when the table does not exist on this side (the rest is then empty). */
  exists: boolean;
  where?: string;
  /** Rows in the table (after `where`): exact for full profiles, estimated from the sample otherwise. */
  rows: number;
  rowsExact: boolean;
  sample: SampleInfo;
  keyColumn?: string;
  timestampColumn?: string;
  /** Newest timestampColumn value over the whole table (not just the sample), seconds since epoch. */
  newest?: number | null;
  columns: ColumnProfile[];
  /** Columns the map asked for that this side does not have. */
  missingColumns: string[];
  /** How long profiling this table took, in milliseconds. */
  durationMs: number;
  /** Statements sent for this table. */
  statements: number;
}

export const PROFILE_FORMAT = "parity.data-profile";
export const PROFILE_VERSION = 1;

export interface DataProfile {
  format: typeof PROFILE_FORMAT;
  version: typeof PROFILE_VERSION;
  dialect: "postgres" | "mysql";
  serverVersion: string;
  collectedAt: string;
  /** Which key made the category hashes (src/secret-hash.ts); absent in profiles older than keyed hashes. */
  hashKey?: string;
  /** Who the session ran as (absent in profiles written before parity recorded it). */
  session?: SessionRole;
  tables: TableProfile[];
}

/** One table entry of the probe's options. */
export interface TableOptions {
  name: string;
  columns?: string[];
  timestampColumn?: string;
  expectedRatio?: number;
  keyColumn?: string;
  where?: string;
}

export interface DataOptions {
  tables: TableOptions[];
  sample: "auto" | "full" | number;
  maskValues: boolean;
  showValues: string[];
  topCategories: number;
  statementTimeoutMs?: number;
}
