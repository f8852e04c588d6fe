import { defineProbe, lazy } from "../../src/probe.js";
import type { SchemaOptions, SchemaSnapshot } from "./types.js";
import { schemaOptions } from "./options.js";
import { compareSchemas } from "./compare.js";
import { databaseTarget } from "../database/target.js";

/**
 * `kind: schema` — does production's database look like staging's? Tables, columns,
 * constraints, indexes, types, routines, triggers, policies, extensions and the server
 * settings that change behaviour, on PostgreSQL and MySQL/MariaDB.
 */
export const schemaProbe = defineProbe<SchemaOptions, SchemaSnapshot>({
  kind: "schema",
  dimension: "data-fidelity",
  nouns: { one: "schema difference was found", many: "schema differences were found" },
  description: "Compares database schemas and behaviour-changing server settings (PostgreSQL, MySQL, MariaDB)",
  target: databaseTarget,
  options: schemaOptions,
  defaultTimeoutMs: 60_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectSchema),
  compare: (staging, production, ctx) => compareSchemas(staging, production, ctx.options),
});
