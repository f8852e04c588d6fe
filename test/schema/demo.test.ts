import { existsSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../probes/database/session.js";
import { CLUSTER_VARIABLES } from "../../src/demo/database-clusters.js";
import { startDemoDatabases } from "../../src/demo/database.js";
import type { DemoPart } from "../../src/demo/part.js";
import type { Observation } from "../../src/types.js";
import { collect, compare, find } from "./helpers.js";

// PGlite boots a whole PostgreSQL in WebAssembly: seconds on an idle machine, more under load.
const BOOT_MS = 240_000;
let demo: DemoPart;
let observations: Observation[];

// A saved cluster of another PGlite build, as an upgrade leaves one behind in the temp folder.
const staleCache = path.join(os.tmpdir(), "parity-demo-pglite-0.0.1-older-build-staging-000000000000.tar");

beforeAll(async () => {
  writeFileSync(staleCache, "a saved cluster no build reads any more");
  demo = await startDemoDatabases("/tmp");
  const [s, p] = await Promise.all([
    collect(demo.env.STAGING_DB_URL!),
    collect(demo.env.PRODUCTION_DB_URL!, { side: "production" }),
  ]);
  observations = compare(s, p);
}, BOOT_MS);

afterAll(async () => {
  await demo?.close();
});

describe("demo: the PostgreSQL pair on PGlite over pglite-socket", () => {
  it("removes saved clusters this build no longer reads, and keeps its own", () => {
    expect(existsSync(staleCache)).toBe(false);
    // The template and each seeded cluster of this build.
    expect(readdirSync(os.tmpdir()).filter((f) => /^parity-demo-pglite-.*\.tar$/.test(f))).toHaveLength(1 + Object.keys(CLUSTER_VARIABLES).length);
  });

  it("exposes the URLs the example map reads", () => {
    expect(demo.env.STAGING_DB_URL).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\//);
    expect(demo.env.PRODUCTION_DB_URL).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\//);
  });

  it("shows the example's deliberate differences, and nothing on accounts and transactions' columns", () => {
    expect(find(observations, "public.transactions_pending_idx", "missing-in-staging").severity).toBe("medium");
    expect(find(observations, "public.payouts.amount", "type").message).toMatch(/numeric\(10,2\).*numeric\(12,2\)/);
    expect(find(observations, "public.payouts.payouts_amount_positive", "missing-in-staging").severity).toBe("high");
    expect(find(observations, "public.payout_status", "labels").message).toMatch(/staging lacks 'reversed'/);
    expect(find(observations, "setting:TimeZone", "setting")).toMatchObject({ staging: "UTC", production: "Europe/Berlin" });
    expect(find(observations, "public.test_fixtures", "missing-in-production").severity).toBe("high");
    expect(observations.filter((o) => /^public\.(accounts|transactions)\.[a-z_]+$/.test(o.subject))).toEqual([]);
    expect(observations).toHaveLength(6);
  });

  it("serves several connections at once (schema and data probes on one side), each in its own transaction", async () => {
    const url = demo.env.STAGING_DB_URL!;
    const work = async (n: number) => {
      const session = await openSession(url, { statementTimeoutMs: 30_000 });
      try {
        const rows: unknown[] = [];
        for (let i = 0; i < 5; i++) {
          rows.push(...(await session.query<{ n: number }>("SELECT $1::int AS n, count(*)::int AS tables FROM pg_class WHERE relname = 'accounts'", [n])));
        }
        return rows;
      } finally {
        await session.close();
      }
    };
    const results = await Promise.all([work(1), work(2), work(3), collect(url).then(() => [])]);
    expect(results.slice(0, 3).map((r) => r.length)).toEqual([5, 5, 5]);
    expect(results[1]![0]).toEqual({ n: 2, tables: 1 });
  }, 120_000);

  it("serves production-us and the ledger database too: a region without eu's hotfix index, and a second database", async () => {
    expect(Object.keys(demo.env).sort()).toEqual(["PRODUCTION_DB_URL", "PRODUCTION_LEDGER_DB_URL", "PRODUCTION_US_DB_URL", "STAGING_DB_URL", "STAGING_LEDGER_DB_URL"]);
    const [staging, us, stagingLedger, productionLedger] = await Promise.all([
      collect(demo.env.STAGING_DB_URL!),
      collect(demo.env.PRODUCTION_US_DB_URL!, { side: "production" }),
      collect(demo.env.STAGING_LEDGER_DB_URL!),
      collect(demo.env.PRODUCTION_LEDGER_DB_URL!, { side: "production" }),
    ]);
    const inUs = compare(staging, us);
    expect(inUs.filter((o) => o.subject === "public.transactions_pending_idx")).toEqual([]);
    expect(find(inUs, "setting:TimeZone", "setting")).toMatchObject({ staging: "UTC", production: "America/New_York" });
    const ledger = compare(stagingLedger, productionLedger);
    expect(ledger.map((o) => [o.subject, o.aspect])).toEqual([["ledger.journal.journal_reference_key", "missing-in-staging"]]);
  }, 120_000);
});
