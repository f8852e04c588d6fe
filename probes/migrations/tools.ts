import type { AppliedMigration, MigrationTool } from "./types.js";

export type Row = Record<string, unknown>;

/** What the probe knows of one tool's history table: how to recognise it and how to read it. */
export interface ToolSpec {
  tool: MigrationTool;
  title: string;
  /** Default table names, lower case (Liquibase's DATABASECHANGELOG is upper case on MySQL). */
  tables: readonly string[];
  /** Columns that tell this tool's table from another's of the same name (Rails' and golang-migrate's schema_migrations). */
  columns: readonly string[];
  /** Columns read (lower case; the ones a table lacks are left out). */
  select: readonly string[];
  /** ORDER BY: the order of application where the tool records one. */
  orderBy: readonly string[];
  /** Records where the database is, not each migration. */
  cumulative?: boolean;
  /** Rows, in `orderBy` order → the migrations applied (or failed), in the order applied. */
  normalise(rows: Row[]): AppliedMigration[];
}

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString() : String(v));
const truthy = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "t" || v === "true";

/** Each row is one migration, applied in row order. */
function ranked(rows: Row[], one: (row: Row) => Omit<AppliedMigration, "rank"> | undefined): AppliedMigration[] {
  const out: AppliedMigration[] = [];
  for (const row of rows) {
    const m = one(row);
    if (m) out.push({ ...m, rank: out.length + 1 });
  }
  return out;
}

/** The latest row for a key decides (re-runs, rollbacks, re-applies); order of first application is kept. */
function latestWins(list: AppliedMigration[]): AppliedMigration[] {
  const byKey = new Map<string, AppliedMigration>();
  for (const m of list) byKey.set(m.key, m);
  return [...byKey.values()].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)).map((m, i) => ({ ...m, rank: i + 1 }));
}

const flyway: ToolSpec = {
  tool: "flyway",
  title: "Flyway",
  tables: ["flyway_schema_history"],
  columns: ["installed_rank", "version", "checksum", "success", "type"],
  select: ["installed_rank", "version", "description", "type", "script", "checksum", "installed_on", "success"],
  orderBy: ["installed_rank"],
  normalise(rows) {
    const live = new Map<string, AppliedMigration>();
    let rank = 0;
    for (const row of rows) {
      const type = String(row.type ?? "").toUpperCase();
      const version = text(row.version);
      const key = version ?? `R:${text(row.description) ?? text(row.script) ?? "?"}`;
      // Schema-creation markers say nothing about migrations; DELETE (repair) and UNDO rows take one back.
      if (type === "SCHEMA") continue;
      if (type === "DELETE" || type.startsWith("UNDO")) {
        live.delete(key);
        continue;
      }
      const previous = live.get(key);
      live.set(key, {
        key,
        description: text(row.description),
        checksum: text(row.checksum),
        state: truthy(row.success) ? "applied" : "failed",
        rank: previous?.rank ?? ++rank,
        appliedAt: text(row.installed_on),
        ...(version === undefined ? { repeatable: true } : {}),
      });
    }
    return latestWins([...live.values()]);
  },
};

const liquibase: ToolSpec = {
  tool: "liquibase",
  title: "Liquibase",
  tables: ["databasechangelog"],
  columns: ["id", "author", "filename", "orderexecuted", "exectype"],
  select: ["id", "author", "filename", "dateexecuted", "orderexecuted", "exectype", "md5sum", "description"],
  orderBy: ["orderexecuted", "dateexecuted"],
  normalise: (rows) =>
    latestWins(
      ranked(rows, (row) => {
        const type = String(row.exectype ?? "").toUpperCase();
        if (type === "SKIPPED") return undefined;
        return {
          key: `${text(row.filename)}::${text(row.id)}::${text(row.author)}`,
          description: text(row.description),
          checksum: text(row.md5sum),
          state: type === "FAILED" ? "failed" : "applied",
          appliedAt: text(row.dateexecuted),
        };
      }),
    ),
};

const rails: ToolSpec = {
  tool: "rails",
  title: "Rails (ActiveRecord)",
  tables: ["schema_migrations"],
  columns: ["version"],
  select: ["version"],
  orderBy: ["version"],
  // Rails records no order of application: versions only.
  normalise: (rows) => rows.map((row) => ({ key: String(row.version), state: "applied" as const })),
};

const prisma: ToolSpec = {
  tool: "prisma",
  title: "Prisma",
  tables: ["_prisma_migrations"],
  columns: ["migration_name", "checksum", "finished_at", "rolled_back_at"],
  select: ["migration_name", "checksum", "started_at", "finished_at", "rolled_back_at"],
  orderBy: ["started_at", "migration_name"],
  normalise(rows) {
    // A rolled-back attempt is history, not state: `migrate resolve --rolled-back` then a new row.
    const live = ranked(rows, (row) => {
      if (row.rolled_back_at !== null && row.rolled_back_at !== undefined) return undefined;
      return {
        key: String(row.migration_name),
        checksum: text(row.checksum),
        state: row.finished_at === null || row.finished_at === undefined ? "failed" : "applied",
        appliedAt: text(row.finished_at) ?? text(row.started_at),
      };
    });
    return latestWins(live);
  },
};

const django: ToolSpec = {
  tool: "django",
  title: "Django",
  tables: ["django_migrations"],
  columns: ["app", "name", "applied"],
  select: ["id", "app", "name", "applied"],
  orderBy: ["id"],
  normalise: (rows) => latestWins(ranked(rows, (row) => ({ key: `${text(row.app)}.${text(row.name)}`, state: "applied", appliedAt: text(row.applied) }))),
};

const alembic: ToolSpec = {
  tool: "alembic",
  title: "Alembic",
  tables: ["alembic_version"],
  columns: ["version_num"],
  select: ["version_num"],
  orderBy: ["version_num"],
  cumulative: true,
  normalise: (rows) => rows.map((row) => ({ key: String(row.version_num), state: "applied" as const })),
};

const goose: ToolSpec = {
  tool: "goose",
  title: "goose",
  tables: ["goose_db_version"],
  columns: ["version_id", "is_applied"],
  select: ["id", "version_id", "is_applied", "tstamp"],
  orderBy: ["id"],
  normalise(rows) {
    // Older goose records a down migration as a row with is_applied = false, newer deletes the
    // row: either way the latest row for a version decides. Version 0 is goose's own start row.
    const live = new Map<string, AppliedMigration>();
    let rank = 0;
    for (const row of rows) {
      const key = String(row.version_id);
      if (key === "0") continue;
      if (!truthy(row.is_applied)) live.delete(key);
      else live.set(key, { key, state: "applied", rank: ++rank, appliedAt: text(row.tstamp) });
    }
    return latestWins([...live.values()]);
  },
};

const golangMigrate: ToolSpec = {
  tool: "golang-migrate",
  title: "golang-migrate",
  tables: ["schema_migrations"],
  columns: ["version", "dirty"],
  select: ["version", "dirty"],
  orderBy: ["version"],
  cumulative: true,
  normalise: (rows) => rows.map((row) => ({ key: String(row.version), state: truthy(row.dirty) ? ("dirty" as const) : ("applied" as const) })),
};

const atlas: ToolSpec = {
  tool: "atlas",
  title: "Atlas",
  tables: ["atlas_schema_revisions"],
  columns: ["version", "applied", "total", "hash"],
  select: ["version", "description", "type", "applied", "total", "executed_at", "error", "hash"],
  orderBy: ["executed_at", "version"],
  normalise: (rows) =>
    ranked(rows, (row) => {
      const key = String(row.version);
      // Atlas keeps bookkeeping rows (".atlas_cloud_identifier") beside the revisions.
      if (key.startsWith(".")) return undefined;
      const partial = Number(row.applied) < Number(row.total);
      const failed = (row.error !== null && row.error !== undefined && row.error !== "") || partial;
      return {
        key,
        description: text(row.description),
        checksum: text(row.hash),
        state: failed ? "failed" : "applied",
        appliedAt: text(row.executed_at),
      };
    }),
};

const knex: ToolSpec = {
  tool: "knex",
  title: "Knex",
  tables: ["knex_migrations"],
  columns: ["name", "batch", "migration_time"],
  select: ["id", "name", "batch", "migration_time"],
  orderBy: ["id"],
  normalise: (rows) => latestWins(ranked(rows, (row) => ({ key: String(row.name), state: "applied", appliedAt: text(row.migration_time) }))),
};

/** Every tool, in the order detection tries them (golang-migrate before Rails: its schema_migrations has more columns). */
export const TOOLS: readonly ToolSpec[] = [flyway, liquibase, golangMigrate, rails, prisma, django, alembic, goose, atlas, knex];

export function toolSpec(tool: MigrationTool): ToolSpec {
  return TOOLS.find((t) => t.tool === tool)!;
}

/** The tools whose table this could be, by its name (unless given) and columns. */
export function toolsFitting(name: string | undefined, columns: readonly string[]): ToolSpec[] {
  const have = new Set(columns.map((c) => c.toLowerCase()));
  const fits = TOOLS.filter((t) => (name === undefined || t.tables.includes(name.toLowerCase())) && t.columns.every((c) => have.has(c)));
  // Rails' schema_migrations is golang-migrate's minus `dirty`: a table with `dirty` is golang-migrate's.
  return fits.some((t) => t.tool === "golang-migrate") ? fits.filter((t) => t.tool !== "rails") : fits;
}
