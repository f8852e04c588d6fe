import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "../../src/history/record.js";
import type { Audit } from "../../src/types.js";
import { auditAt, scenarioCopy } from "../history/helpers.js";
import { scenarioAudit } from "../report/load.js";
import { tempFolder } from "../support/temp-folder.js";

export const QUARTER_START = new Date("2026-08-31T09:00:00.000Z");
export const at = (days: number) => new Date(QUARTER_START.getTime() + days * 86_400_000);

/**
 * A quarter of history, from real audits saved the way `parity audit` saves them:
 * - "ledger" (the config-drift map): audited weekly; its PAYMENT_TIMEOUT_MS gap is fixed in
 *   week 4 (closed after 28 days), a FEATURE_FLAGS_URL gap appears in week 6, and in week 8 the
 *   legacy-ledger entry is marked mitigated with an owner change;
 * - "payments" (the payments scenario's audit, re-dated): three audits, each with an incident
 *   traced to credit-bureau-sandbox, one traced to no entry, and a staging-green/production-red test.
 */
export async function quarterOfHistory(): Promise<{ dir: string; audits: Audit[] }> {
  const dir = await tempFolder("parity-review-history-");
  const location = { kind: "folder" as const, dir };
  const saved: Audit[] = [];
  const ledger = await scenarioCopy("config-drift", { service: "ledger" });
  const map = path.join(ledger, "parity-map.yaml");
  const prodFile = path.join(ledger, "production.json");
  const prod = JSON.parse(await readFile(prodFile, "utf8"));
  const original = await readFile(map, "utf8");
  for (let week = 0; week <= 12; week++) {
    const now = at(week * 7);
    const production = { ...prod, ...(week >= 4 ? { PAYMENT_TIMEOUT_MS: "3000" } : {}), ...(week >= 6 ? { FEATURE_FLAGS_URL: "https://flags.example.com" } : {}) };
    await writeFile(prodFile, JSON.stringify(production));
    await writeFile(map, week >= 8 ? original.replace(/status: open\n    owner: ledger-team/, "status: mitigated\n    owner: ledger-platform") : original);
    saved.push(await recordAudit(await auditAt(map, now), location, () => {}));
  }
  for (const days of [10, 45, 80]) {
    const audit = { ...(await scenarioAudit("payments")), generatedAt: at(days).toISOString() };
    saved.push(await recordAudit(audit, location, () => {}));
  }
  return { dir, audits: saved };
}
