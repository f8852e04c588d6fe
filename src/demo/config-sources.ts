import { writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { StartDemoPart } from "./part.js";

/**
 * The demo's configuration, for the fintech payments example. Each difference is there to show
 * one thing in the report:
 * - PAYMENT_TIMEOUT_MS 3000 vs 1500, RETRY_LIMIT, FEATURE_INSTANT_PAYOUTS: undeclared differences;
 * - CREDIT_BUREAU_URL sandbox vs live: declared in the example map (mitigated);
 * - FRAUD_CHECK_MODE: only production sets it (missing in staging);
 * - PAYMENTS_API_KEY: a secret that differs, compared by hash and shown redacted;
 * - BUILD_SHA: differs on every deploy, ignored by the example map's probe entry;
 * - LEGACY_LEDGER_URL: equal on both sides, so the map's entry for it shows up as stale;
 * - production-us settles in USD at 21:00 UTC where staging and eu settle in EUR at 17:00: a
 *   regional difference the map declares for the us pair only.
 * The API keys are made up for the demo and match no real provider's format.
 */
const STAGING_ENV = `# payments service, staging (written by parity demo)
PAYMENT_TIMEOUT_MS=3000
RETRY_LIMIT=5
FEATURE_INSTANT_PAYOUTS=on
CREDIT_BUREAU_URL=https://sandbox.creditbureau.example.com/v2
LEGACY_LEDGER_URL=https://ledger-legacy.payments.example.com
SETTLEMENT_CURRENCY=EUR
SETTLEMENT_CUTOFF_UTC=17:00
PAYMENTS_API_KEY=demo-staging-key-4f1c9a
BUILD_SHA=3f9c2e1
`;

const PRODUCTION_CONFIG = {
  PAYMENT_TIMEOUT_MS: 1500,
  RETRY_LIMIT: 3,
  FEATURE_INSTANT_PAYOUTS: "off",
  CREDIT_BUREAU_URL: "https://api.creditbureau.example.com/v2",
  LEGACY_LEDGER_URL: "https://ledger-legacy.payments.example.com",
  SETTLEMENT_CURRENCY: "EUR",
  SETTLEMENT_CUTOFF_UTC: "17:00",
  FRAUD_CHECK_MODE: "strict",
  PAYMENTS_API_KEY: "demo-production-key-b27e05",
  BUILD_SHA: "a81d44b",
};

const PRODUCTION_US_CONFIG = { ...PRODUCTION_CONFIG, SETTLEMENT_CURRENCY: "USD", SETTLEMENT_CUTOFF_UTC: "21:00", PAYMENTS_API_KEY: "demo-production-us-key-9a04d2" };

/** Writes staging's .env into workDir and serves production-eu's (/config) and production-us's (/config-us) config as JSON on 127.0.0.1. */
export const startDemoConfig: StartDemoPart = async (workDir) => {
  const stagingFile = join(workDir, "staging.env");
  await writeFile(stagingFile, STAGING_ENV, "utf8");

  const bodies: Record<string, string> = { "/config": JSON.stringify(PRODUCTION_CONFIG, null, 2), "/config-us": JSON.stringify(PRODUCTION_US_CONFIG, null, 2) };
  const server = createServer((req, res) => {
    const body = req.method === "GET" ? bodies[req.url ?? ""] : undefined;
    if (body !== undefined) {
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    env: {
      STAGING_CONFIG_FILE: stagingFile,
      PRODUCTION_CONFIG_URL: `http://127.0.0.1:${port}/config`,
      PRODUCTION_US_CONFIG_URL: `http://127.0.0.1:${port}/config-us`,
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
