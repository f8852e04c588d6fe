import type { MigrationTool } from "../../probes/migrations/types.js";

type Dialect = "postgres" | "mysql";

/**
 * The release story every tool's history tells, in its own rows:
 * - both sides ran m1 and m2, but m2 with different contents (an edited migration);
 * - staging also ran m3: what the release will apply to production;
 * - production also ran a hotfix that sorts between m1 and m2 but was applied last (never in
 *   staging, and out of order), and m4, which failed there.
 * Tools that record no checksum, failure or order tell the parts they can.
 */
export interface Story {
  key: { m1: string; m2: string; m3: string; hot: string; m4: string };
  checksums: boolean;
  failures: boolean;
  order: boolean;
  staging(dialect: Dialect): string;
  production(dialect: Dialect): string;
}

/** A timestamp on the n-th of November 2026 (the n-th step of the story). */
const at = (n: number) => ({ day: n });
type Value = string | number | boolean | null | { day: number };
const sql = (v: Value) =>
  v === null ? "NULL" : typeof v === "object" ? `'2026-11-${String(v.day).padStart(2, "0")} 10:00:00'` : typeof v === "string" ? `'${v}'` : String(v).toUpperCase();
const insert = (table: string, columns: string[], rows: Value[][]) =>
  rows.map((r) => `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${r.map(sql).join(", ")});`).join("\n");

/** A row-per-migration tool: which of the story's migrations each side has, in the order applied. */
function rows(make: (name: keyof Story["key"], rank: number, variant: "a" | "b" | "failed") => string, plan: { staging: Array<keyof Story["key"]>; production: Array<keyof Story["key"]> }) {
  return {
    staging: () => plan.staging.map((m, i) => make(m, i + 1, "a")).join("\n"),
    production: () => plan.production.map((m, i) => make(m, i + 1, m === "m4" ? "failed" : m === "m2" ? "b" : "a")).join("\n"),
  };
}

const FULL = { staging: ["m1", "m2", "m3"] as Array<keyof Story["key"]>, production: ["m1", "m2", "hot", "m4"] as Array<keyof Story["key"]> };
const NO_FAIL = { staging: FULL.staging, production: ["m1", "m2", "hot"] as Array<keyof Story["key"]> };

function story(key: Story["key"], traits: Pick<Story, "checksums" | "failures" | "order">, make: (dialect: Dialect) => ReturnType<typeof rows>): Story {
  return { key, ...traits, staging: (d) => make(d).staging(), production: (d) => make(d).production() };
}

export const STORIES: Record<Exclude<MigrationTool, "golang-migrate" | "alembic">, Story> = {
  flyway: story({ m1: "1", m2: "2", m3: "3", hot: "1.5", m4: "4" }, { checksums: true, failures: true, order: true }, () =>
    rows((m, rank, variant) => {
      const k = STORIES.flyway.key[m];
      return insert("flyway_schema_history", ["installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on", "execution_time", "success"], [
        [rank, k, `${m} step`, "SQL", `V${k.replace(".", "_")}__${m}.sql`, variant === "b" ? -1020304 : 1000 + rank, "deploy", at(rank), 12, variant !== "failed"],
      ]);
    }, FULL),
  ),
  liquibase: story({ m1: "db/changelog.xml::1::alice", m2: "db/changelog.xml::2::alice", m3: "db/changelog.xml::3::bob", hot: "db/changelog.xml::hotfix-1::ops", m4: "db/changelog.xml::4::bob" }, { checksums: true, failures: true, order: false }, () =>
    rows((m, rank, variant) => {
      const [file, id, author] = STORIES.liquibase.key[m].split("::");
      return insert("DATABASECHANGELOG", ["ID", "AUTHOR", "FILENAME", "DATEEXECUTED", "ORDEREXECUTED", "EXECTYPE", "MD5SUM", "DESCRIPTION", "LIQUIBASE", "DEPLOYMENT_ID"], [
        [id!, author!, file!, at(rank), rank, variant === "failed" ? "FAILED" : "EXECUTED", variant === "b" ? "9:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" : `9:${String(rank).repeat(32).slice(0, 32)}`, "createTable", "4.29.2", "2990000001"],
      ]);
    }, FULL),
  ),
  rails: story({ m1: "20261101000001", m2: "20261102000000", m3: "20261103000000", hot: "20261101120000", m4: "20261104000000" }, { checksums: false, failures: false, order: false }, () =>
    rows((m) => insert("schema_migrations", ["version"], [[STORIES.rails.key[m]]]), NO_FAIL),
  ),
  prisma: story({ m1: "20261101000001_init", m2: "20261102000000_payouts", m3: "20261103000000_fees", hot: "20261101120000_hotfix", m4: "20261104000000_broken" }, { checksums: true, failures: true, order: true }, () =>
    rows((m, rank, variant) =>
      insert("_prisma_migrations", ["id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count"], [
        [`00000000-0000-4000-8000-00000000000${rank}`, variant === "b" ? "b".repeat(64) : String(rank).repeat(64), variant === "failed" ? null : at(rank), STORIES.prisma.key[m], null, null, at(rank), variant === "failed" ? 0 : 1],
      ]),
    FULL),
  ),
  django: story({ m1: "payments.0001_initial", m2: "payments.0002_payouts", m3: "payments.0003_fees", hot: "payments.0001_squashed_hotfix", m4: "payments.0004_x" }, { checksums: false, failures: false, order: true }, () =>
    rows((m, rank) => {
      const [app, name] = STORIES.django.key[m].split(".");
      return insert("django_migrations", ["app", "name", "applied"], [[app!, name!, at(rank)]]);
    }, NO_FAIL),
  ),
  goose: story({ m1: "10", m2: "20", m3: "30", hot: "15", m4: "40" }, { checksums: false, failures: false, order: true }, () =>
    rows((m, rank) => insert("goose_db_version", ["version_id", "is_applied", "tstamp"], [[Number(STORIES.goose.key[m]), true, at(rank)]]), NO_FAIL),
  ),
  atlas: story({ m1: "20261101000001", m2: "20261102000000", m3: "20261103000000", hot: "20261101120000", m4: "20261104000000" }, { checksums: true, failures: true, order: true }, (dialect) =>
    rows((m, rank, variant) =>
      insert(dialect === "postgres" ? "atlas_schema_revisions.atlas_schema_revisions" : "atlas_schema_revisions", ["version", "description", "type", "applied", "total", "executed_at", "execution_time", "error", "error_stmt", "hash", "partial_hashes", "operator_version"], [
        [STORIES.atlas.key[m], m, 2, variant === "failed" ? 1 : 3, 3, at(rank), 1000, variant === "failed" ? "pq: relation \"fees\" does not exist" : null, variant === "failed" ? "ALTER TABLE fees ADD COLUMN x int" : null, variant === "b" ? "bbbb=" : `h${rank}=`, null, "Atlas CLI v0.28.0"],
      ]),
    FULL),
  ),
  knex: story({ m1: "20261101000001_init.js", m2: "20261102000000_payouts.js", m3: "20261103000000_fees.js", hot: "20261101120000_hotfix.js", m4: "20261104000000_x.js" }, { checksums: false, failures: false, order: true }, () =>
    rows((m, rank) => insert("knex_migrations", ["name", "batch", "migration_time"], [[STORIES.knex.key[m], rank, at(rank)]]), NO_FAIL),
  ),
};
