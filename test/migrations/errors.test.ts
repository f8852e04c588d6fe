import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline.js";
import { myCreateDatabase, myDropDatabase, myUrl, pgCreateDatabase, pgDropDatabase, pgExec, pgUrl, uniqueName } from "../schema/helpers.js";
import { collect, ddl } from "./helpers.js";

const pgDbs: string[] = [];
const myDbs: string[] = [];
const roles: string[] = [];
afterAll(async () => {
  await Promise.all([...pgDbs.map(pgDropDatabase), ...myDbs.map(myDropDatabase)]);
  for (const role of roles) await pgExec("postgres", `DROP ROLE IF EXISTS ${role}`);
});

async function pg(sql: string): Promise<string> {
  const name = uniqueName("parity_migerr");
  await pgCreateDatabase(name, sql);
  pgDbs.push(name);
  return name;
}

const TRIED = "flyway_schema_history, databasechangelog, schema_migrations, _prisma_migrations, django_migrations, alembic_version, goose_db_version, atlas_schema_revisions, knex_migrations";

describe("finding the history table", () => {
  it("says which tables it tried when there is no history at all", async () => {
    const db = await pg("CREATE TABLE accounts (id int PRIMARY KEY)");
    await expect(collect(pgUrl(db))).rejects.toThrow(`no migration history found, tried: ${TRIED} (set tool: and table: if yours is elsewhere)`);
    const my = uniqueName("parity_migerr");
    await myCreateDatabase(my, "CREATE TABLE accounts (id int PRIMARY KEY)");
    myDbs.push(my);
    await expect(collect(myUrl(my))).rejects.toThrow(`no migration history found, tried: ${TRIED}`);
  });

  it("reads a history under another name and schema when table: says where, and knows the tool by its columns", async () => {
    const flyway = (await ddl("flyway", "postgres")).replace(/"public"\."flyway_schema_history"/g, '"ops"."deploy_history"');
    const db = await pg(`CREATE SCHEMA ops; ${flyway}; INSERT INTO ops.deploy_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 7, 'ci', now(), 3, true)`);
    const snapshot = await collect(pgUrl(db), { table: "ops.deploy_history" });
    expect(snapshot).toMatchObject({ tool: "flyway", table: "ops.deploy_history", migrations: [{ key: "1", description: "init", checksum: "7", state: "applied", rank: 1 }] });
    // Off the search path but the only one: found without table: too.
    expect((await collect(pgUrl(db), { tool: "flyway", table: "deploy_history" })).table).toBe("ops.deploy_history");
  });

  it("says what a named table lacks for the tool given, and which tool's table is missing", async () => {
    const db = await pg(await ddl("flyway", "postgres"));
    await expect(collect(pgUrl(db), { tool: "knex", table: "flyway_schema_history" })).rejects.toThrow(
      "public.flyway_schema_history has columns installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success: a Knex history needs name, batch, migration_time",
    );
    await expect(collect(pgUrl(db), { tool: "knex" })).rejects.toThrow("no migration history found, tried: knex_migrations (set table: if yours has another name)");
  });

  it("asks which tool when two tools' histories are there", async () => {
    const db = await pg(`${await ddl("flyway", "postgres")}\n${await ddl("knex", "postgres")}`);
    await expect(collect(pgUrl(db))).rejects.toThrow(
      "found the history tables of several tools (Flyway: public.flyway_schema_history, Knex: public.knex_migrations); set tool: to the one to compare",
    );
    expect((await collect(pgUrl(db), { tool: "knex" })).tool).toBe("knex");
  });

  it("tells a low-privilege user to be granted SELECT on the history table", async () => {
    const role = uniqueName("parity_noread");
    roles.push(role);
    const db = await pg(`${await ddl("django", "postgres")}; CREATE ROLE ${role} LOGIN; REVOKE ALL ON django_migrations FROM PUBLIC`);
    const error = await collect(pgUrl(db, role)).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^reading the migration history of staging \(postgres:\/\/.+\) failed: permission denied for table django_migrations \(grant SELECT on the history table to the audit user\)$/);
  });
});

describe("in an audit", () => {
  it("a database without a history is a probe error and every other probe still reports", async () => {
    const [staging, production] = [await pg("CREATE TABLE accounts (id int PRIMARY KEY)"), await pg("CREATE TABLE accounts (id int PRIMARY KEY, email text)")];
    const dir = await mkdtemp(path.join(tmpdir(), "parity-mig-"));
    try {
      const file = path.join(dir, "parity-map.yaml");
      await writeFile(
        file,
        `version: 1
service: shop
environments:
  staging: { database: { url: "${pgUrl(staging)}" } }
  production: { database: { url: "${pgUrl(production)}" } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: db-migrations, kind: migrations }
  - { id: db-schema, kind: schema, schemas: [public] }
`,
      );
      const { audit } = await runPipeline({ mapFile: file, version: "test", now: new Date("2026-12-01T00:00:00Z") });
      const pair = audit.pairs[0]!;
      expect(pair.probes.map((p) => [p.id, p.status])).toEqual([
        ["db-migrations", "error"],
        ["db-schema", "ok"],
      ]);
      expect(pair.probes.find((p) => p.id === "db-migrations")!.error).toContain(`no migration history found, tried: ${TRIED}`);
      expect(pair.findings.some((f) => f.probe === "db-schema" && f.subject === "public.accounts.email")).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
