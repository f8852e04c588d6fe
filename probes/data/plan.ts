import { defaultHasher } from "../../src/secret-hash.js";
import type { ColumnKind, DataOptions, SampleInfo, TableOptions } from "./types.js";
import type { CatalogColumn, ReadPlan } from "./dialect.js";

/** Percentiles 0..100: one sort per column gives a sketch fine enough for deciles, KS and freshness odds. */
export const QUANTILE_FRACTIONS = Array.from({ length: 101 }, (_, i) => i / 100);

/** Above this many rows `sample: auto` profiles a sample of about AUTO_SAMPLE_ROWS rows. */
export const AUTO_SAMPLE_THRESHOLD = 200_000;
export const AUTO_SAMPLE_ROWS = 50_000;

/** Up to this many profiled rows, distinct counts are exact; above, a 1/64 hash-bucket estimate. */
export const EXACT_DISTINCT_ROWS = 200_000;
export const DISTINCT_BUCKETS = 64;

/**
 * Percentiles are read from about this many rows (a key-hash subsample) when more are profiled:
 * the sketch has 1/100 resolution, and 100,000 rows pin each percentile's CDF to ±0.003 (2σ), while
 * sorting every row of a large table is the most expensive part of a profile.
 */
export const QUANTILE_ROWS = 100_000;

/** The seed of every sample, so the same rows are chosen each run. */
export const SAMPLE_SEED = 20261126;

/** A column is treated as categorical when it has few distinct values for its size (not an identifier). */
export function isCategorical(kind: ColumnKind, distinct: number | null, nonNull: number): boolean {
  if (kind === "boolean") return true;
  if (kind !== "text" || nonNull === 0 || distinct === null) return false;
  // Identifier-like columns (mostly distinct) and huge domains would make the GROUP BY a sort of
  // the whole table for a top list that says nothing; `limit` still bounds what comes back.
  return distinct <= 100_000 && distinct <= Math.max(20, nonNull / 2);
}

/** The table's single-column key, as sampling sees it: integers can be read in ranges. */
export type KeyKind = "integer" | "other";

/** An integer column (PostgreSQL's smallint/integer/bigint, MySQL's int types, signed or not) can be read in key ranges. */
export function keyKind(c: { kind: ColumnKind; type: string }): KeyKind {
  return c.kind === "numeric" && /^(tiny|small|medium|big)?int(eger)?\b/i.test(c.type) ? "integer" : "other";
}

/** How a table will be read, decided from the catalog's row estimate before any scan. */
export function planSample(option: DataOptions["sample"], estimatedRows: number, dialect: "postgres" | "mysql", key: KeyKind | undefined): Omit<SampleInfo, "rows"> {
  if (option === "full") return { method: "full", percent: 100 };
  let percent: number;
  let auto = false;
  if (option === "auto") {
    if (estimatedRows <= AUTO_SAMPLE_THRESHOLD) return { method: "full", percent: 100 };
    percent = Math.max(0.01, Math.min(100, (100 * AUTO_SAMPLE_ROWS) / estimatedRows));
    auto = true;
  } else percent = option;
  if (percent >= 100) return { method: "full", percent: 100 };
  if (dialect === "mysql") {
    // Sampling needs a key (its ranges, or its hash); without one the table is read whole rather than guessed at.
    if (!key) return { method: "full", percent: 100 };
    const modulus = Math.max(1, Math.round(100 / percent));
    return { method: key === "integer" ? "keyblocks" : "crc32", percent: Number((100 / modulus).toPrecision(4)) };
  }
  // SYSTEM reads only the sampled pages (the point of auto); BERNOULLI reads every page but picks
  // rows independently, which is what an explicit percentage asks for.
  return { method: auto ? "system" : "bernoulli", percent: Number(percent.toPrecision(4)) };
}

/**
 * Whether the wide statement counts a column's distinct values: not for identifiers and other
 * columns without a meaningful distribution, nor for a single-column primary key, whose distinct
 * count is its non-null count, exact (decodeWideRow), with no count(DISTINCT) sorting every key.
 */
export function countsDistinct(c: CatalogColumn, plan: ReadPlan): boolean {
  return c.kind !== "other" && c.name !== plan.primaryKey;
}

/** `schema.table` → parts; a bare name stays one part (the server's default schema). */
export function splitName(name: string): { schema?: string; table: string } {
  const dot = name.indexOf(".");
  return dot < 0 ? { table: name } : { schema: name.slice(0, dot), table: name.slice(dot + 1) };
}

/**
 * A category value's keyed hash (HMAC under PARITY_HASH_KEY, else this audit's random key):
 * equal values match across sides, the value stays home, and a snapshot's hashes of 4-digit
 * codes cannot be reversed by trying all 10,000 (a plain SHA-256 could, in milliseconds).
 */
export function valueHash(value: string): string {
  return defaultHasher().hash(value).slice(0, 12);
}

/** Position (1-based) of the percentile_disc value for fraction f among n sorted values. */
export function discPosition(f: number, n: number): number {
  return Math.max(1, Math.ceil(f * n - 1e-9));
}

export function shouldShowValues(options: Pick<DataOptions, "maskValues" | "showValues">, table: TableOptions, column: string, kind: ColumnKind, matches: (patterns: readonly string[], s: string) => boolean): boolean {
  if (kind === "boolean" || !options.maskValues) return true;
  return matches(options.showValues, `${table.name}.${column}`) || matches(options.showValues, column);
}

export function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}
