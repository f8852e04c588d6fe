import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationHistorySql } from "../../src/demo/migrations-seed.js";
import { pgCreateDatabase, pgDropDatabase, pgUrl, uniqueName } from "../schema/helpers.js";
import { collect, compare, summary } from "./helpers.js";

// The demo seeds this history into its PGlite pair; here the same SQL runs on the real
// PostgreSQL server, read by the real probe (the demo itself is run by test/cli/demo).
const names = { staging: uniqueName("parity_demo_mig_s"), production: uniqueName("parity_demo_mig_p") };
beforeAll(async () => {
  await Promise.all([pgCreateDatabase(names.staging, migrationHistorySql("staging")), pgCreateDatabase(names.production, migrationHistorySql("production"))]);
});
afterAll(async () => {
  await Promise.all([pgDropDatabase(names.staging), pgDropDatabase(names.production)]);
});

describe("demo: the Flyway history", () => {
  it("tells the schema's story: an edited migration, a hotfix run by hand in production, and the release's pending one", async () => {
    const [s, p] = await Promise.all([collect(pgUrl(names.staging)), collect(pgUrl(names.production), {}, "production")]);
    expect(s.tool).toBe("flyway");
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({
      "4.1 missing-in-staging": "high",
      "pending migrations pending": "low (measurement)",
      "4 checksum": "high",
      "4.1 out-of-order": "medium",
    });
    expect(observations.find((o) => o.aspect === "pending")!.staging).toEqual(["6"]);
  });
});
