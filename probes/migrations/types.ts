export const MIGRATIONS_SNAPSHOT_FORMAT = "parity-migrations";
export const MIGRATIONS_SNAPSHOT_VERSION = 1;

export const MIGRATION_TOOLS = ["flyway", "liquibase", "rails", "prisma", "django", "alembic", "goose", "golang-migrate", "atlas", "knex"] as const;
/** A migration tool whose history table the probe reads. */
export type MigrationTool = (typeof MIGRATION_TOOLS)[number];

/** The migrations probe's options in the map. */
export interface MigrationsOptions {
  /** The tool whose history to read; detected from the tables present when absent. */
  tool?: MigrationTool;
  /** The history table (`schema.table` or `table`) when it is not the tool's default. */
  table?: string;
  /** A folder of migration files in the repository to compare each side against. */
  folder?: string;
}

/** One migration as the history table records it. */
export interface AppliedMigration {
  /** What identifies it: the version (Flyway, Rails, goose …), the name (Prisma, Knex), app.name (Django), file::id::author (Liquibase). */
  key: string;
  description?: string;
  /** The tool's checksum of the migration's contents, as text (Flyway, Liquibase, Prisma, Atlas). */
  checksum?: string;
  /** failed: the tool recorded a failure; dirty: golang-migrate stopped half-way. */
  state: "applied" | "failed" | "dirty";
  /** Position in the order of application, from 1; absent when the tool records no order. */
  rank?: number;
  appliedAt?: string;
  /** A Flyway repeatable migration (R__…), re-run whenever its checksum changes. */
  repeatable?: boolean;
}

/** One migration file of the repository's folder. */
export interface FolderMigration {
  key: string;
  file: string;
  /**
   * The checksums the tool would accept for this file as applied (Flyway's CRC32 of its lines;
   * Prisma's SHA-256, which also matches the file with the other line endings).
   */
  checksums?: string[];
  /** Alembic: the revisions this one follows (down_revision). */
  parents?: string[];
}

/** One side: the history table's contents, normalised, and the folder when the probe has one. */
export interface MigrationsSnapshot {
  format: typeof MIGRATIONS_SNAPSHOT_FORMAT;
  version: typeof MIGRATIONS_SNAPSHOT_VERSION;
  collectedAt: string;
  tool: MigrationTool;
  /** The table read, schema-qualified. */
  table: string;
  /**
   * golang-migrate and Alembic record where the database is (one version, or the heads), not
   * each migration: every earlier migration is implied.
   */
  cumulative: boolean;
  /** In order of application where the tool records one, else by key. */
  migrations: AppliedMigration[];
  folder?: { path: string; migrations: FolderMigration[] };
  /** Statements this collection sent (the session's set-up included). */
  statements: number;
}
