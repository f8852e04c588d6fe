import { readFile } from "node:fs/promises";
import path from "node:path";
import { migrationsProbe } from "../../probes/migrations/index.js";
import type { MigrationsOptions, MigrationsSnapshot, MigrationTool } from "../../probes/migrations/types.js";
import type { CollectContext } from "../../src/probe.js";
import type { Observation } from "../../src/types.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/migrations");

/** The tool's documented DDL for a dialect, from the fixtures. */
export function ddl(tool: MigrationTool, dialect: "postgres" | "mysql"): Promise<string> {
  return readFile(path.join(FIXTURES, "ddl", `${tool}.${dialect}.sql`), "utf8");
}

export function collectContext(options: MigrationsOptions = {}, side: "staging" | "production" = "staging"): CollectContext<MigrationsOptions> {
  return {
    probeId: "migrations",
    options,
    signal: AbortSignal.timeout(60_000),
    timeoutMs: 30_000,
    side,
    mapDir: FIXTURES,
    shared: () => {
      throw new Error("the migrations probe shares nothing");
    },
  };
}

export function collect(url: string, options: MigrationsOptions = {}, side: "staging" | "production" = "staging"): Promise<MigrationsSnapshot> {
  return migrationsProbe.collect({ name: side, database: { url } }, collectContext(options, side));
}

export function compare(staging: MigrationsSnapshot, production: MigrationsSnapshot): Observation[] {
  return migrationsProbe.compare(staging, production, {
    probeId: "migrations",
    options: {},
    staging: { name: "staging" },
    production: { name: "production" },
    differenceIds: [],
    now: new Date("2026-12-01T00:00:00Z"),
  });
}

/** "subject aspect" → severity (measurements marked), for assertions that read like the report. */
export function summary(observations: Observation[]): Record<string, string> {
  return Object.fromEntries(observations.map((o) => [`${o.subject} ${o.aspect}`, `${o.severity}${o.kind === "measurement" || o.kind === "inconclusive" ? " (measurement)" : ""}`]));
}
