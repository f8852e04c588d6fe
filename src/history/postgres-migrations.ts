import type pg from "pg";

/**
 * The history store's tables, created on first use and migrated by later versions of parity.
 * Each step runs once, in order, recorded in parity_history_migrations. Steps only ever add:
 * an older parity keeps reading and writing a store a newer one migrated.
 */
const MIGRATIONS: Array<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE parity_audits (
        id bigserial PRIMARY KEY,
        service text NOT NULL,
        map text NOT NULL,
        generated_at timestamptz NOT NULL,
        schema_version integer NOT NULL,
        parity_version text NOT NULL,
        gate text NOT NULL,
        passed boolean NOT NULL,
        exit_code integer NOT NULL,
        audit json NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX parity_audits_by_map ON parity_audits (service, map, generated_at);
      CREATE INDEX parity_audits_by_time ON parity_audits (generated_at);`,
  },
];

/** Any fixed number: every parity that opens the store takes this lock while it migrates. */
const MIGRATION_LOCK = 0x7061726974;

export const LATEST_MIGRATION = MIGRATIONS.at(-1)!.version;

/**
 * Brings the store up to date inside one transaction holding an advisory lock, so two CI jobs
 * that open a fresh store at the same moment do not both try to create its tables.
 */
export async function migrate(client: pg.Client): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS parity_history_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    const done = new Set((await client.query<{ version: number }>("SELECT version FROM parity_history_migrations")).rows.map((r) => r.version));
    for (const step of MIGRATIONS) {
      if (done.has(step.version)) continue;
      await client.query(step.sql);
      await client.query("INSERT INTO parity_history_migrations (version) VALUES ($1)", [step.version]);
    }
    await client.query("COMMIT");
    return Math.max(0, ...done, LATEST_MIGRATION);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
