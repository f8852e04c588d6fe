import { flywayChecksum } from "../../probes/migrations/folder.js";

/**
 * The demo's migration history: a Flyway table on each side of the embedded PostgreSQL pair,
 * created with Flyway's own DDL and telling the same story as the schema:
 * - V4 (payout amount precision) was edited after staging ran it: staging applied
 *   numeric(10,2), production numeric(12,2), so the checksums differ;
 * - V4.1 (the pending-transactions index, the one staging lacks) was run by hand in production
 *   only, after V5: out of order;
 * - V6 (the fee schedule) ran in staging and is what this release applies to production.
 * Identical DDL on both sides, so the schema probe sees no difference in the table itself.
 */

/** production-us: production's history without the hotfix, which was only ever run by hand in eu. */
type Side = "staging" | "production" | "production-us";

const DDL = `
CREATE TABLE public.flyway_schema_history (
    installed_rank INT NOT NULL,
    version VARCHAR(50),
    description VARCHAR(200) NOT NULL,
    type VARCHAR(20) NOT NULL,
    script VARCHAR(1000) NOT NULL,
    checksum INTEGER,
    installed_by VARCHAR(100) NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT now(),
    execution_time INTEGER NOT NULL,
    success BOOLEAN NOT NULL
);
ALTER TABLE public.flyway_schema_history ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);
CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history (success);
`;

interface Step {
  version: string;
  description: string;
  sql: string;
  on: string;
}

const V4_STAGING = "ALTER TABLE payouts ALTER COLUMN amount TYPE numeric(10,2);";
const V4_PRODUCTION = "ALTER TABLE payouts ALTER COLUMN amount TYPE numeric(12,2);";

const STEPS: Record<"staging" | "production", Step[]> = {
  staging: [
    { version: "1", description: "accounts", sql: "CREATE TABLE accounts (…);", on: "2026-03-02 09:00" },
    { version: "2", description: "transactions", sql: "CREATE TABLE transactions (…);", on: "2026-03-02 09:00" },
    { version: "3", description: "payouts", sql: "CREATE TABLE payouts (…);", on: "2026-06-10 14:20" },
    { version: "4", description: "payout amount precision", sql: V4_STAGING, on: "2026-08-18 11:05" },
    { version: "5", description: "payout status enum", sql: "CREATE TYPE payout_status AS ENUM (…);", on: "2026-09-01 16:40" },
    { version: "6", description: "fee schedule", sql: "INSERT INTO fee_schedule …;", on: "2026-11-27 10:15" },
  ],
  production: [
    { version: "1", description: "accounts", sql: "CREATE TABLE accounts (…);", on: "2026-03-09 07:00" },
    { version: "2", description: "transactions", sql: "CREATE TABLE transactions (…);", on: "2026-03-09 07:00" },
    { version: "3", description: "payouts", sql: "CREATE TABLE payouts (…);", on: "2026-06-17 07:00" },
    { version: "4", description: "payout amount precision", sql: V4_PRODUCTION, on: "2026-08-25 07:00" },
    { version: "5", description: "payout status enum", sql: "CREATE TYPE payout_status AS ENUM (…);", on: "2026-09-08 07:00" },
    { version: "4.1", description: "hotfix pending transactions index", sql: "CREATE INDEX transactions_pending_idx …;", on: "2026-11-18 02:13" },
  ],
};

const stepsOf = (side: Side): Step[] => (side === "production-us" ? STEPS.production.filter((s) => s.version !== "4.1") : STEPS[side]);

export function migrationHistorySql(side: Side): string {
  const rows = stepsOf(side).map((s, i) => {
    const script = `V${s.version.replace(".", "_")}__${s.description.replace(/ /g, "_")}.sql`;
    const by = s.version === "4.1" ? "dba-oncall" : "deploy";
    return `INSERT INTO public.flyway_schema_history VALUES (${i + 1}, '${s.version}', '${s.description}', 'SQL', '${script}', ${flywayChecksum(s.sql)}, '${by}', '${s.on}', 40, true);`;
  });
  return `${DDL}\n${rows.join("\n")}\n`;
}

export async function seedDemoMigrations(exec: (sql: string) => Promise<unknown>, side: Side): Promise<void> {
  await exec(migrationHistorySql(side));
}
