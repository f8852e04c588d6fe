import type { DatabaseSession } from "../database/session.js";
import type { ColumnKind, ColumnProfile, SampleInfo } from "./types.js";

/** A column as the catalog describes it. */
export interface CatalogColumn {
  name: string;
  type: string;
  kind: ColumnKind;
  /** Part of a foreign key: its values are identifiers, not a distribution worth comparing. */
  reference?: boolean;
  /**
   * Declared NOT NULL: its non-null count is the row count, so a dialect may leave its count()
   * out of the wide aggregate (decodeWideRow reads it as the row count then).
   */
  notNull?: boolean;
}

/** A table as the catalog describes it: found in one catalog query for all tables. */
export interface CatalogTable {
  /** The table reference, quoted for SQL. */
  ref: string;
  /** The catalog's row estimate (pg_class.reltuples, information_schema.TABLES.TABLE_ROWS). */
  estimatedRows: number;
  columns: CatalogColumn[];
  /** The single-column primary key, when there is one. */
  primaryKey?: string;
}

/** How one table is read: reference, sample and filter, fixed before the first scan. */
export interface ReadPlan {
  ref: string;
  sample: Omit<SampleInfo, "rows">;
  where?: string;
  /** The key column: MySQL/MariaDB sampling reads its ranges (or hashes it), and the percentile subsample too. */
  key?: CatalogColumn;
  exactDistinct: boolean;
  /**
   * The table's single-column primary key: unique and never NULL, so its distinct count is its
   * non-null count, exact, with no count(DISTINCT) (a sort of every key, 5% of a full profile).
   */
  primaryKey?: string;
  /** Columns whose percentiles the comparison uses. */
  quantileColumns: Set<string>;
  /** Percentiles come from rows whose key hash is 0 modulo this (1 = every profiled row). */
  quantileModulus: number;
}

/** What the one wide aggregate returns. */
export interface WideResult {
  rows: number;
  columns: Map<string, Partial<ColumnProfile>>;
}

/** The SQL each server speaks for the same profile. */
export interface DialectProfiler {
  catalog(session: DatabaseSession, names: string[]): Promise<Map<string, CatalogTable>>;
  wide(session: DatabaseSession, plan: ReadPlan, columns: CatalogColumn[]): Promise<WideResult>;
  /** Percentiles of columns the wide query could not compute (MySQL has no ordered-set aggregates), all in one statement. */
  quantiles?(session: DatabaseSession, plan: ReadPlan, columns: CatalogColumn[], counts?: Map<string, { rows: number; nonNull: number }>): Promise<Map<string, { values: number[]; rows: number }>>;
  top(session: DatabaseSession, plan: ReadPlan, column: CatalogColumn, limit: number): Promise<Array<{ value: string; count: number }>>;
  /**
   * One GROUP BY over the columns' value combinations: a row per combination, the i-th column's
   * value (as text, NULL kept) as v<i> and its rows as n (top-categories.ts sums them per column).
   */
  jointCounts(session: DatabaseSession, plan: ReadPlan, columns: CatalogColumn[]): Promise<Array<Record<string, unknown>>>;
  /** Newest value over the whole table (samples get maxima wrong), seconds since epoch. */
  newest(session: DatabaseSession, plan: ReadPlan, column: CatalogColumn): Promise<number | null>;
}
