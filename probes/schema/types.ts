import type { JsonValue } from "../../src/types.js";
import type { Dialect, SessionRole } from "../database/session.js";

/** What the schema probe compares. `schema` is a MySQL database; the rest exist on both dialects unless noted. */
export const OBJECT_KINDS = [
  "schema",
  "table",
  "column",
  "constraint",
  "index",
  "view",
  "materialized-view",
  "enum",
  "domain",
  "sequence",
  "function",
  "procedure",
  "trigger",
  "extension",
  "policy",
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/**
 * One database object, named by identity (schema + name, never position). `parent` is the
 * qualified table for columns, constraints, indexes, triggers and policies, so a missing table
 * is reported once instead of once per column.
 */
export interface SchemaObject {
  kind: ObjectKind;
  /** Qualified name: `public.transactions`, `public.transactions.amount`, `public.transactions_pending_idx`. */
  name: string;
  schema: string;
  parent?: string;
  /** Normalised attributes, compared one by one; keys are listed in attributes.ts. */
  attrs: Record<string, JsonValue>;
  /** Attributes the audit user may not read here (e.g. a routine body without SHOW_ROUTINE). */
  hidden?: string[];
}

/**
 * What the audit user could not see on this side. A kind listed for a schema means objects of
 * that kind may exist there without appearing in the catalog (MySQL/MariaDB hide objects the
 * user holds no privilege on); compare reports such gaps as `not-visible`, never as missing.
 */
export interface Visibility {
  /** schema → kinds that may be hidden. */
  limited: Record<string, ObjectKind[]>;
  /** Why, in words a DBA acts on (which privilege is missing). */
  reason?: string;
}

/** One side's schema as JSON: what `parity snapshot` writes and `database.snapshot` reads back. */
export interface SchemaSnapshot {
  format: "parity-schema";
  version: 1;
  dialect: Dialect;
  /** Server version as reported (e.g. "15.20", "10.11.19-MariaDB-0+deb12u1"). */
  serverVersion: string;
  /** The database the URL named. */
  database: string;
  /** Schemas (PostgreSQL) or databases (MySQL) introspected. */
  schemas: string[];
  /** Schemas the probe's `schemas` option names that this database does not have. */
  absentSchemas?: string[];
  collectedAt: string;
  /** Statements the collection sent, session set-up included (benchmarks read it). */
  statements: number;
  objects: SchemaObject[];
  /** Behaviour-changing settings as configured for the database (not parity's own session). */
  settings: Record<string, string | null>;
  visibility: Visibility;
  /** Who the session ran as (absent in snapshots written before parity recorded it). */
  session?: SessionRole;
}

/** The probe's options in the map. */
export interface SchemaOptions {
  schemas?: string[];
  ignore: Array<{ kind: ObjectKind | "setting" | "*"; name: string }>;
  owners: boolean;
  grants: boolean;
  comments: boolean;
  columnOrder: boolean;
  extensionVersions: boolean;
}

export const SNAPSHOT_FORMAT = "parity-schema";
export const SNAPSHOT_VERSION = 1;
