import type { Dimension, Severity } from "../../src/types.js";
import type { ObjectKind, SchemaOptions } from "./types.js";

/** How one attribute difference is reported. */
export interface AttributeSpec {
  aspect: string;
  severity: Severity;
  /** Words for the message: "<label> differs". */
  label: string;
  dimension?: Dimension;
  /** How a boolean reads in a sentence: [when true, when false]. */
  words?: [string, string];
  /** What a missing value (null) means for this attribute, in a sentence ("none" when not given). */
  none?: string;
  /** The option that must be on for this attribute to be compared at all. */
  toggle?: keyof Pick<SchemaOptions, "owners" | "grants" | "comments" | "columnOrder" | "extensionVersions">;
}

const security: Dimension = "security";

/**
 * Severity reflects what a release would feel: a type, nullability, constraint or engine
 * difference changes which data is accepted or how it behaves (high); defaults, collations,
 * function bodies and index shapes change results or speed (medium); comments, positions,
 * owners and storage details are cosmetic or operational (low).
 */
export const ATTRIBUTES: Record<string, AttributeSpec> = {
  type: { aspect: "type", severity: "high", label: "type" },
  nullable: { aspect: "nullability", severity: "high", label: "nullability", words: ["nullable", "not null"] },
  default: { aspect: "default", severity: "medium", label: "default", none: "no default" },
  identity: { aspect: "identity", severity: "medium", label: "identity" },
  generated: { aspect: "generated", severity: "high", label: "generation expression" },
  // A column's collation is recorded only where it is not its type's (PostgreSQL) or table's (MySQL) default.
  collation: { aspect: "collation", severity: "medium", label: "collation", none: "the default collation" },
  charset: { aspect: "charset", severity: "high", label: "character set" },
  engine: { aspect: "engine", severity: "high", label: "storage engine" },
  extra: { aspect: "extra", severity: "medium", label: "extra (auto_increment, on update …)" },
  position: { aspect: "column-order", severity: "low", label: "column position", toggle: "columnOrder" },
  comment: { aspect: "comment", severity: "low", label: "comment", none: "no comment", toggle: "comments" },
  owner: { aspect: "owner", severity: "low", label: "owner", dimension: security, toggle: "owners" },
  // A NULL ACL is not "no grants": the owner holds every privilege and PUBLIC what the server gives
  // it by default (EXECUTE on functions, USAGE on types), so it is often the wider side.
  grants: { aspect: "grants", severity: "medium", label: "grants", dimension: security, none: "default privileges (owner and PUBLIC as the server grants them)", toggle: "grants" },
  tableKind: { aspect: "table-kind", severity: "high", label: "table kind" },
  persistence: { aspect: "persistence", severity: "medium", label: "persistence (logged/unlogged)" },
  rls: { aspect: "row-level-security", severity: "high", label: "row-level security", dimension: security, words: ["enabled", "disabled"] },
  forceRls: { aspect: "row-level-security", severity: "high", label: "forced row-level security", dimension: security, words: ["forced", "not forced"] },
  partitionKey: { aspect: "partitioning", severity: "medium", label: "partition key" },
  partitionOf: { aspect: "partitioning", severity: "medium", label: "parent table" },
  partitionBound: { aspect: "partitioning", severity: "medium", label: "partition bound" },
  accessMethod: { aspect: "access-method", severity: "low", label: "access method" },
  definition: { aspect: "definition", severity: "medium", label: "definition" },
  constraintType: { aspect: "definition", severity: "high", label: "constraint type" },
  validated: { aspect: "validated", severity: "low", label: "validation state", words: ["validated", "NOT VALID"] },
  valid: { aspect: "validated", severity: "medium", label: "index validity", words: ["valid", "invalid (a failed CREATE INDEX CONCURRENTLY?)"] },
  visible: { aspect: "visibility", severity: "medium", label: "index visibility", words: ["visible", "invisible/ignored"] },
  labels: { aspect: "labels", severity: "high", label: "labels" },
  checks: { aspect: "definition", severity: "high", label: "check constraints" },
  sequence: { aspect: "sequence", severity: "medium", label: "sequence parameters" },
  returns: { aspect: "signature", severity: "high", label: "return type" },
  language: { aspect: "definition", severity: "medium", label: "language" },
  volatility: { aspect: "volatility", severity: "medium", label: "volatility" },
  securityDefiner: { aspect: "security", severity: "high", label: "SECURITY DEFINER", dimension: security, words: ["security definer", "security invoker"] },
  security: { aspect: "security", severity: "medium", label: "SQL SECURITY", dimension: security },
  definitionHash: { aspect: "definition", severity: "medium", label: "body" },
  deterministic: { aspect: "definition", severity: "low", label: "DETERMINISTIC", words: ["deterministic", "not deterministic"] },
  dataAccess: { aspect: "definition", severity: "low", label: "SQL data access" },
  checkOption: { aspect: "definition", severity: "medium", label: "CHECK OPTION" },
  enabled: { aspect: "enabled", severity: "high", label: "enabled state" },
  sqlMode: { aspect: "sql-mode", severity: "high", label: "sql_mode it was created under" },
  order: { aspect: "definition", severity: "medium", label: "firing order" },
  version: { aspect: "version", severity: "medium", label: "version", toggle: "extensionVersions" },
  extensionSchema: { aspect: "schema", severity: "low", label: "schema" },
  command: { aspect: "definition", severity: "high", label: "command", dimension: security },
  permissive: { aspect: "definition", severity: "high", label: "permissive/restrictive", dimension: security, words: ["permissive", "restrictive"] },
  roles: { aspect: "definition", severity: "high", label: "roles", dimension: security },
  using: { aspect: "definition", severity: "high", label: "USING expression", dimension: security },
  withCheck: { aspect: "definition", severity: "high", label: "WITH CHECK expression", dimension: security },
  rowFormat: { aspect: "row-format", severity: "low", label: "row format" },
  options: { aspect: "options", severity: "low", label: "table options" },
  systemVersioned: { aspect: "system-versioning", severity: "medium", label: "system versioning", words: ["system-versioned", "not versioned"] },
};

/** Per-kind overrides where the same attribute matters more (a constraint's or trigger's definition). */
export const KIND_SEVERITY: Partial<Record<ObjectKind, Partial<Record<string, Severity>>>> = {
  constraint: { definition: "high" },
  trigger: { definition: "high" },
  view: { definition: "high" },
  "materialized-view": { definition: "high" },
  policy: { definition: "high" },
};

/** What a missing object costs, and which dimension it speaks to. */
export const KINDS: Record<ObjectKind, { label: string; missing: Severity; dimension?: Dimension }> = {
  schema: { label: "Database", missing: "high" },
  table: { label: "Table", missing: "high" },
  column: { label: "Column", missing: "high" },
  constraint: { label: "Constraint", missing: "high" },
  // An index changes speed, not results: tests against staging mis-predict production timing.
  index: { label: "Index", missing: "medium", dimension: "test-reliability" },
  view: { label: "View", missing: "high" },
  "materialized-view": { label: "Materialized view", missing: "high" },
  enum: { label: "Enum", missing: "high" },
  domain: { label: "Domain", missing: "high" },
  sequence: { label: "Sequence", missing: "medium" },
  function: { label: "Function", missing: "high" },
  procedure: { label: "Procedure", missing: "high" },
  trigger: { label: "Trigger", missing: "high" },
  extension: { label: "Extension", missing: "high" },
  policy: { label: "Policy", missing: "high", dimension: security },
};

/** Settings whose difference changes query results or failures (high); others medium unless listed low. */
const HIGH_SETTINGS = new Set(
  [
    "TimeZone", "DateStyle", "IntervalStyle", "search_path", "standard_conforming_strings", "default_transaction_isolation",
    "default_transaction_read_only", "lc_collate", "lc_ctype", "server_encoding", "bytea_output", "row_security",
    "sql_mode", "time_zone", "character_set_server", "collation_server", "character_set_database",
    "lower_case_table_names", "explicit_defaults_for_timestamp", "transaction_isolation", "div_precision_increment",
  ].map((s) => s.toLowerCase()),
);
const LOW_SETTINGS = new Set(
  ["max_connections", "work_mem", "jit", "innodb_buffer_pool_size", "innodb_flush_log_at_trx_commit", "innodb_file_per_table", "wait_timeout", "system_time_zone"],
);

export function settingSeverity(name: string): Severity {
  if (HIGH_SETTINGS.has(name.toLowerCase())) return "high";
  return LOW_SETTINGS.has(name) ? "low" : "medium";
}
