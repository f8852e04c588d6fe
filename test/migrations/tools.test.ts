import { afterAll, describe, expect, it } from "vitest";
import type { MigrationTool } from "../../probes/migrations/types.js";
import { myCreateDatabase, myDropDatabase, myUrl, pgCreateDatabase, pgDropDatabase, pgUrl, uniqueName } from "../schema/helpers.js";
import { collect, compare, ddl, summary } from "./helpers.js";
import { STORIES, type Story } from "./scenario.js";

// Each tool's history table, created with the tool's own DDL on the real PostgreSQL and
// MariaDB servers, filled with the same release story, read back without saying which tool.
const created: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(created.map((drop) => drop()));
});

async function sides(tool: MigrationTool, dialect: "postgres" | "mysql", story: { staging: (d: typeof dialect) => string; production: (d: typeof dialect) => string }) {
  const table = await ddl(tool, dialect);
  const names = { staging: uniqueName(`parity_mig_${tool.replace("-", "_")}_s`), production: uniqueName(`parity_mig_${tool.replace("-", "_")}_p`) };
  for (const side of ["staging", "production"] as const) {
    const sql = `${table}\n${story[side](dialect)}`;
    if (dialect === "postgres") {
      await pgCreateDatabase(names[side], sql);
      created.push(() => pgDropDatabase(names[side]));
    } else {
      await myCreateDatabase(names[side], sql);
      created.push(() => myDropDatabase(names[side]));
    }
  }
  const url = (db: string) => (dialect === "postgres" ? pgUrl(db) : myUrl(db));
  return Promise.all([collect(url(names.staging)), collect(url(names.production), {}, "production")]);
}

function expected(story: Story): Record<string, string> {
  const { key } = story;
  return {
    [`${key.hot} missing-in-staging`]: "high",
    "pending migrations pending": "low (measurement)",
    ...(story.order ? { [`${key.hot} out-of-order`]: "medium" } : {}),
    ...(story.checksums ? { [`${key.m2} checksum`]: "high" } : {}),
    ...(story.failures ? { [`${key.m4} failed`]: "high" } : {}),
  };
}

const cases = (["postgres", "mysql"] as const).flatMap((dialect) => (Object.keys(STORIES) as Array<keyof typeof STORIES>).map((tool) => [tool, dialect] as const));

describe.each(cases)("%s on %s", (tool, dialect) => {
  it("is detected, and tells the release story it can", async () => {
    const story = STORIES[tool];
    const [s, p] = await sides(tool, dialect, story);
    expect(s.tool).toBe(tool);
    expect(p.tool).toBe(tool);
    const observations = compare(s, p);
    expect(summary(observations)).toEqual(expected(story));
    const pending = observations.find((o) => o.aspect === "pending")!;
    expect(pending.staging).toEqual([story.key.m3]);
    expect(pending.message).toBe(`1 migration applied in staging is not in production yet, what this release applies: ${story.key.m3}`);
    const hot = observations.find((o) => o.aspect === "missing-in-staging")!;
    expect(hot.message).toMatch(new RegExp(`^Migration ${story.key.hot.replace(/[.]/g, "\\.")}( \\(.+\\))? was applied in production but not in staging: staging does not run the schema production has$`));
    // One catalog query finds the table, one SELECT reads it (after the session's own set-up).
    expect(s.statements - (dialect === "postgres" ? 5 : 6)).toBe(2);
  });
});

describe.each(["postgres", "mysql"] as const)("the one-row tools on %s", (dialect) => {
  it("golang-migrate: production dirty and behind staging", async () => {
    const [s, p] = await sides("golang-migrate", dialect, {
      staging: () => "INSERT INTO schema_migrations (version, dirty) VALUES (3, FALSE);",
      production: () => "INSERT INTO schema_migrations (version, dirty) VALUES (2, TRUE);",
    });
    expect(s.tool).toBe("golang-migrate");
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({ "2 dirty": "high", "pending migrations pending": "low (measurement)" });
    expect(observations[0]!.message).toBe("Migration 2 stopped half-way in production (dirty): the schema there is partly migrated");
    expect(observations[1]!.message).toBe("Staging is at migration version 3 and production at 2: this release migrates production past 2");
  });

  it("golang-migrate: production ahead of staging", async () => {
    const [s, p] = await sides("golang-migrate", dialect, {
      staging: () => "INSERT INTO schema_migrations (version, dirty) VALUES (20261101000000, FALSE);",
      production: () => "INSERT INTO schema_migrations (version, dirty) VALUES (20261105000000, FALSE);",
    });
    expect(summary(compare(s, p))).toEqual({ "20261105000000 missing-in-staging": "high" });
  });

  it("Alembic: different heads", async () => {
    const [s, p] = await sides("alembic", dialect, {
      staging: () => "INSERT INTO alembic_version (version_num) VALUES ('c3d4e5f6a7b8');",
      production: () => "INSERT INTO alembic_version (version_num) VALUES ('a1b2c3d4e5f6');",
    });
    expect(s.tool).toBe("alembic");
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({ "heads head": "medium" });
    expect(observations[0]!.message).toBe("Alembic heads differ (staging c3d4e5f6a7b8, production a1b2c3d4e5f6); set folder: to tell which revisions each side lacks");
  });
});
