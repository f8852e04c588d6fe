import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flywayChecksum } from "../../probes/migrations/folder.js";
import { pgCreateDatabase, pgDropDatabase, pgUrl, uniqueName } from "../schema/helpers.js";
import { collect, compare, ddl, FIXTURES, summary } from "./helpers.js";
import { createHash } from "node:crypto";

// Each side's real history table against the repository's migrations folder (fixtures named
// the way each tool names its files).
const dbs: string[] = [];
afterAll(async () => {
  await Promise.all(dbs.map(pgDropDatabase));
});

async function database(tool: Parameters<typeof ddl>[0], rows: string): Promise<string> {
  const name = uniqueName(`parity_migfold_${tool.replace("-", "_")}`);
  await pgCreateDatabase(name, `${await ddl(tool, "postgres")}\n${rows}`);
  dbs.push(name);
  return pgUrl(name);
}

const file = (rel: string) => readFile(path.join(FIXTURES, rel), "utf8");

describe("Flyway's checksum", () => {
  it("is CRC-32 over the lines without their breaks, so line endings and a BOM do not change it", () => {
    const lf = "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n";
    expect(flywayChecksum(lf)).toBe(flywayChecksum(lf.replace(/\n/g, "\r\n")));
    expect(flywayChecksum(lf)).toBe(flywayChecksum(`\uFEFF${lf}`));
    expect(flywayChecksum(lf)).not.toBe(flywayChecksum(lf.replace("1", "2")));
    // java.util.zip.CRC32 cast to int: a signed 32-bit value.
    expect(flywayChecksum("abc")).toBe(String(0x352441c2 | 0));
  });
});

describe("against the repository's folder", () => {
  it("Flyway: a hand-run hotfix, a file edited after staging ran it, and a migration nobody has run", async () => {
    const sum = async (name: string) => flywayChecksum(await file(`flyway/sql/${name}`));
    const row = (rank: number, version: string | null, description: string, checksum: string, success = true) =>
      `INSERT INTO flyway_schema_history VALUES (${rank}, ${version === null ? "NULL" : `'${version}'`}, '${description}', 'SQL', 'x.sql', ${checksum}, 'deploy', '2026-11-0${rank} 10:00', 10, ${success});`;
    const staging = await database("flyway", [
      row(1, "1", "init", await sum("V1__init.sql")),
      row(2, "2", "payouts", await sum("V2__payouts.sql")),
      row(3, "3", "fees", "123456789"),
      row(4, null, "payout views", await sum("R__payout_views.sql")),
    ].join("\n"));
    const production = await database("flyway", [
      row(1, "1", "init", await sum("V1__init.sql")),
      row(2, "2", "payouts", await sum("V2__payouts.sql")),
      row(3, "2.5", "hotfix payout index", "42"),
      row(4, null, "payout views", await sum("R__payout_views.sql")),
    ].join("\n"));
    const options = { folder: "flyway/sql" };
    const [s, p] = await Promise.all([collect(staging, options), collect(production, options, "production")]);
    expect(s.folder!.migrations.map((m) => m.key)).toEqual(["1", "2", "3", "4", "R:payout views"]);
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({
      "2.5 missing-in-staging": "high",
      "pending migrations pending": "low (measurement)",
      "2.5 not-in-folder": "high",
      "4 not-applied": "high",
      "3 edited": "medium",
    });
    const byKey = (subject: string, aspect: string) => observations.find((o) => o.subject === subject && o.aspect === aspect)!.message;
    expect(byKey("2.5", "not-in-folder")).toBe("Migration 2.5 (hotfix payout index) was applied in production but has no file in flyway/sql: run by hand, renamed, or from another branch");
    expect(byKey("4", "not-applied")).toBe("Migration 4 (V4__refunds.sql) is in flyway/sql but applied in neither staging nor production: the release would run it in production untested");
    expect(byKey("3", "edited")).toBe("Migration 3: V3__fees.sql no longer matches the checksum staging recorded when applying it (edited afterwards)");
  });

  it("golang-migrate: the version implies every file up to it", async () => {
    const staging = await database("golang-migrate", "INSERT INTO schema_migrations VALUES (3, false);");
    const production = await database("golang-migrate", "INSERT INTO schema_migrations VALUES (2, false);");
    const options = { folder: "golang-migrate" };
    const [s, p] = await Promise.all([collect(staging, options), collect(production, options, "production")]);
    expect(s.folder!.migrations.map((m) => m.key)).toEqual(["1", "2", "3", "4"]);
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({ "pending migrations pending": "low (measurement)", "4 not-applied": "high" });
    expect(observations[0]!.staging).toEqual(["3"]);
  });

  it("Alembic: heads and the revision graph say which revisions each side has", async () => {
    const staging = await database("alembic", "INSERT INTO alembic_version VALUES ('c3d4e5f6a7b8');");
    const production = await database("alembic", "INSERT INTO alembic_version VALUES ('b2c3d4e5f6a7');");
    const options = { folder: "alembic/versions" };
    const [s, p] = await Promise.all([collect(staging, options), collect(production, options, "production")]);
    expect(s.folder!.migrations).toEqual([
      { key: "a1b2c3d4e5f6", file: "a1b2c3d4e5f6_init.py", parents: [] },
      { key: "b2c3d4e5f6a7", file: "b2c3d4e5f6a7_payouts.py", parents: ["a1b2c3d4e5f6"] },
      { key: "c3d4e5f6a7b8", file: "c3d4e5f6a7b8_fees.py", parents: ["b2c3d4e5f6a7"] },
    ]);
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({ "pending migrations pending": "low (measurement)" });
    expect(observations[0]!.staging).toEqual(["c3d4e5f6a7b8"]);
  });

  it("Prisma: a migration.sql edited after production applied it", async () => {
    const sha = (text: string) => createHash("sha256").update(text).digest("hex");
    const [init, payouts] = await Promise.all([file("prisma/migrations/20261101000001_init/migration.sql"), file("prisma/migrations/20261102000000_payouts/migration.sql")]);
    const row = (n: number, name: string, checksum: string) => `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('${n}', '${checksum}', now(), '${name}', now(), 1);`;
    const staging = await database("prisma", [row(1, "20261101000001_init", sha(init)), row(2, "20261102000000_payouts", sha(payouts.replace(/\n/g, "\r\n")))].join("\n"));
    const production = await database("prisma", [row(1, "20261101000001_init", sha(init)), row(2, "20261102000000_payouts", sha("-- the first version of the file\n"))].join("\n"));
    const options = { folder: "prisma/migrations" };
    const [s, p] = await Promise.all([collect(staging, options), collect(production, options, "production")]);
    // Staging applied the file with CRLF line endings, which Prisma accepts as the same file.
    expect(summary(compare(s, p))).toEqual({ "20261102000000_payouts checksum": "high", "20261102000000_payouts edited": "high" });
  });

  it("Django: a project folder with several apps", async () => {
    const row = (app: string, name: string) => `INSERT INTO django_migrations (app, name, applied) VALUES ('${app}', '${name}', now());`;
    const staging = await database("django", [row("payments", "0001_initial"), row("ledger", "0001_initial"), row("payments", "0002_payouts")].join("\n"));
    const production = await database("django", [row("payments", "0001_initial"), row("ledger", "0001_initial")].join("\n"));
    const options = { folder: "django" };
    const [s, p] = await Promise.all([collect(staging, options), collect(production, options, "production")]);
    expect(s.folder!.migrations.map((m) => m.key)).toEqual(["ledger.0001_initial", "payments.0001_initial", "payments.0002_payouts"]);
    expect(summary(compare(s, p))).toEqual({ "pending migrations pending": "low (measurement)" });
  });

  it("a folder that does not exist is a probe error naming it", async () => {
    const url = await database("knex", "");
    await expect(collect(url, { folder: "db/nowhere" })).rejects.toThrow(`migrations folder db/nowhere (${path.join(FIXTURES, "db/nowhere")}) does not exist`);
  });
});
