import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoConfig } from "../../src/demo/config-sources.js";
import type { DemoPart } from "../../src/demo/part.js";
import { REDACTED } from "../../src/redact.js";
import { collect, compare } from "./helpers.js";

describe("the demo's config sources", () => {
  let workDir: string;
  let part: DemoPart;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "parity-demo-config-"));
    part = await startDemoConfig(workDir);
  });
  afterAll(async () => {
    await part.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("exposes a staging .env file and a JSON endpoint per production region", async () => {
    expect(Object.keys(part.env).sort()).toEqual(["PRODUCTION_CONFIG_URL", "PRODUCTION_US_CONFIG_URL", "STAGING_CONFIG_FILE"]);
    expect(part.env.PRODUCTION_US_CONFIG_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/config-us$/);
    expect(await readFile(part.env.STAGING_CONFIG_FILE, "utf8")).toContain("PAYMENT_TIMEOUT_MS=3000");
    expect(part.env.PRODUCTION_CONFIG_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/config$/);
  });

  it("gives the example map's story through the real probe", async () => {
    const [staging, production] = await Promise.all([
      collect({ file: part.env.STAGING_CONFIG_FILE }, { mapDir: workDir }),
      collect({ url: part.env.PRODUCTION_CONFIG_URL }, { mapDir: workDir, side: "production" }),
    ]);
    const observations = compare(staging, production, { ignore: ["BUILD_SHA"] });
    expect(observations.map((o) => [o.subject, o.aspect, o.severity, o.message])).toEqual([
      ["CREDIT_BUREAU_URL", "value", "medium", "CREDIT_BUREAU_URL is https://sandbox.creditbureau.example.com/v2 in staging and https://api.creditbureau.example.com/v2 in production"],
      ["FEATURE_INSTANT_PAYOUTS", "value", "medium", "FEATURE_INSTANT_PAYOUTS is on in staging and off in production"],
      ["FRAUD_CHECK_MODE", "missing-in-staging", "medium", "FRAUD_CHECK_MODE is set in production (strict) but missing in staging"],
      ["PAYMENTS_API_KEY", "value", "low", "PAYMENTS_API_KEY differs (secret, compared by hash)"],
      ["PAYMENT_TIMEOUT_MS", "value", "medium", "PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production"],
      ["RETRY_LIMIT", "value", "medium", "RETRY_LIMIT is 5 in staging and 3 in production"],
      ["(ignored)", "ignored", "low", "1 difference ignored by rules: BUILD_SHA (1) (not reported as findings)"],
    ]);
    expect(observations.find((o) => o.subject === "PAYMENTS_API_KEY")).toMatchObject({ staging: REDACTED, production: REDACTED });
    // LEGACY_LEDGER_URL is equal on both sides (the map's stale entry), BUILD_SHA is ignored.
    expect(JSON.stringify([staging, production, observations])).not.toMatch(/demo-(staging|production)-key/);
  });

  it("close() stops the endpoint", async () => {
    const other = await startDemoConfig(workDir);
    await other.close();
    await expect(collect({ url: other.env.PRODUCTION_CONFIG_URL })).rejects.toThrow(/refused the connection/);
  });

  it("production-us differs from staging in settlement where eu does not: the regional gap the map declares for the us pair", async () => {
    const [staging, eu, us] = await Promise.all([
      collect({ file: part.env.STAGING_CONFIG_FILE }, { mapDir: workDir }),
      collect({ url: part.env.PRODUCTION_CONFIG_URL }, { mapDir: workDir, side: "production" }),
      collect({ url: part.env.PRODUCTION_US_CONFIG_URL }, { mapDir: workDir, side: "production" }),
    ]);
    const settlement = (production: typeof eu) => compare(staging, production, { ignore: ["BUILD_SHA"] }).filter((o) => o.subject.startsWith("SETTLEMENT_")).map((o) => o.message);
    expect(settlement(eu)).toEqual([]);
    expect(settlement(us)).toEqual(["SETTLEMENT_CURRENCY is EUR in staging and USD in production", "SETTLEMENT_CUTOFF_UTC is 17:00 in staging and 21:00 in production"]);
  });
});
