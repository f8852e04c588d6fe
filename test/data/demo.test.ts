import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoDatabases } from "../../src/demo/database.js";
import type { DemoPart } from "../../src/demo/part.js";
import { dataProbe } from "../../probes/data/index.js";
import type { DataProfile } from "../../probes/data/types.js";
import { aboutTheData, collectContext, compareContext, env, options } from "./context.js";

// The demo's data story, through the real demo databases (PGlite over TCP) and the real probe.
describe("demo data", () => {
  let demo: DemoPart;
  const opts = options({
    tables: [
      { name: "public.transactions", timestampColumn: "created_at", expectedRatio: 0.2 },
      { name: "public.accounts", timestampColumn: "created_at", expectedRatio: 0.2 },
    ],
    showValues: ["public.transactions.type"],
  });
  let staging: DataProfile;
  let production: DataProfile;

  beforeAll(async () => {
    demo = await startDemoDatabases(process.cwd());
    [staging, production] = await Promise.all([
      dataProbe.collect(env("staging", demo.env.STAGING_DB_URL), collectContext(opts, "staging")),
      dataProbe.collect(env("production", demo.env.PRODUCTION_DB_URL), collectContext(opts, "production")),
    ]);
    // PGlite's WebAssembly start-up takes 10–25 s per side on this 2-core machine (the seed itself ~0.3 s).
  }, 180_000);
  afterAll(async () => demo?.close());

  it("seeds production with a realistic mix and staging with a smaller copy", () => {
    const tx = production.tables[0];
    expect(tx.rows).toBe(5_000);
    expect(staging.tables[0].rows).toBe(1_000);
    const types = tx.columns.find((c) => c.name === "type")!.categories!.top.map((c) => c.value);
    expect(types.sort()).toEqual(["chargeback", "instant_payout", "purchase", "refund", "transfer"]);
  });

  it("shows staging three months stale and missing instant payouts", () => {
    const found = dataProbe.compare(staging, production, compareContext(opts)).filter(aboutTheData);
    const fresh = found.find((o) => o.subject === "public.transactions.created_at" && o.aspect === "freshness");
    expect(fresh?.message).toMatch(/^staging's newest public\.transactions row is 90 days older than production's/);
    const missing = found.find((o) => o.subject === "public.transactions.type" && o.message.includes("never shows"));
    expect(missing?.message).toMatch(/^production has type value 'instant_payout' \(3\.\d%\) that staging never shows in 1,000 rows/);
    // Nothing else: ratios as declared, foreign keys not compared as distributions.
    expect(found.map((o) => `${o.subject} ${o.aspect}`).sort()).toEqual([
      "public.accounts.created_at freshness",
      "public.transactions.created_at freshness",
      "public.transactions.type categories",
    ]);
  });
});
