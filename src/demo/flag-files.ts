import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StartDemoPart } from "./part.js";

/**
 * The demo's feature flags: an OpenFeature flagd flag file per side, written into the demo's
 * folder. The story matches the configuration and the incident log:
 * - instant-payouts is on in staging and off in production: the release turns it on, which the
 *   example map expects (productionImpliesStaging);
 * - strict-fraud-check is on in production and off in staging: production's strict mode is
 *   never exercised in staging (incident INC-1057);
 * - bureau-v2 rolls out to half of staging's customers and a tenth of production's.
 */
function flagFile(side: "staging" | "production"): string {
  const production = side === "production";
  return JSON.stringify(
    {
      $schema: "https://flagd.dev/schema/v0/flags.json",
      metadata: { flagSetId: "payments", version: `${side}-2026-11-26` },
      flags: {
        "instant-payouts": { state: production ? "DISABLED" : "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" },
        "strict-fraud-check": { state: production ? "ENABLED" : "DISABLED", variants: { on: true, off: false }, defaultVariant: "on" },
        "bureau-v2": {
          state: "ENABLED",
          variants: { v1: "v1", v2: "v2" },
          defaultVariant: "v1",
          targeting: { fractional: [{ var: "customerId" }, ["v1", production ? 90 : 50], ["v2", production ? 10 : 50]] },
        },
        "payout-receipts-pdf": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "on" },
      },
    },
    null,
    2,
  );
}

/** Writes STAGING_FLAGS_FILE, PRODUCTION_FLAGS_FILE and PRODUCTION_US_FLAGS_FILE (both regions run production's flags) into workDir. */
export const startDemoFlags: StartDemoPart = async (workDir) => {
  const files = { staging: join(workDir, "staging.flagd.json"), production: join(workDir, "production.flagd.json"), productionUs: join(workDir, "production-us.flagd.json") };
  await Promise.all([
    writeFile(files.staging, flagFile("staging"), "utf8"),
    writeFile(files.production, flagFile("production"), "utf8"),
    writeFile(files.productionUs, flagFile("production"), "utf8"),
  ]);
  return { env: { STAGING_FLAGS_FILE: files.staging, PRODUCTION_FLAGS_FILE: files.production, PRODUCTION_US_FLAGS_FILE: files.productionUs }, async close() {} };
};
