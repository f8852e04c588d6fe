import { z } from "zod";
import { defineProbe, lazy } from "../../src/probe.js";
import { databaseTarget } from "../database/target.js";
import { compareMigrations } from "./compare.js";
import { MIGRATION_TOOLS, type MigrationsOptions, type MigrationsSnapshot } from "./types.js";

/**
 * `kind: migrations` — has production run the migrations staging has, and the same ones? Reads
 * the migration tool's history table on each side's database (one catalog query to find it, one
 * SELECT to read it, in the read-only session) and, optionally, the repository's folder.
 */
export const migrationsProbe = defineProbe<MigrationsOptions, MigrationsSnapshot>({
  kind: "migrations",
  dimension: "data-fidelity",
  nouns: { one: "migration difference was found", many: "migration differences were found" },
  description: "Compares migration histories (Flyway, Liquibase, Rails, Prisma, Django, Alembic, goose, golang-migrate, Atlas, Knex): applied on one side only, failed, edited, out of order",
  target: databaseTarget,
  options: {
    tool: z.enum(MIGRATION_TOOLS).optional().describe("The migration tool whose history to read; default: detected from the history tables present"),
    table: z.string().min(1).optional().describe("The history table (schema.table or table) when it is not the tool's default name"),
    folder: z
      .string()
      .min(1)
      .optional()
      .describe("The repository's migrations folder (relative to the map), files named as the tool names them; each side is compared against it"),
  },
  defaultTimeoutMs: 30_000,
  // Loaded when the probe runs: its driver stays out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectMigrations),
  compare: (staging, production) => compareMigrations(staging, production),
});
