import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { sectionsOf } from "../../src/assess/sections.js";
import { reverdict } from "../../src/assess/verdict.js";
import type { Audit } from "../../src/types.js";
import { SCENARIOS, scenarioAudit, undeclared } from "../report/load.js";
import { tempFolder } from "../support/temp-folder.js";

const pick = (seed: string, mod: number) => createHash("sha256").update(seed).digest().readUInt32BE(0) % mod;

/**
 * A fleet of audits: real audits of the scenario maps (the engine's own output), varied per
 * service — renamed, dated a minute apart, some undeclared gaps closed, and a drift shared by
 * every third service (the same key changed everywhere at once) — and judged again.
 */
export async function fleetAudits(n: number, start = new Date("2026-11-26T10:00:00.000Z")): Promise<Audit[]> {
  const bases = await Promise.all(SCENARIOS.map((s) => scenarioAudit(s)));
  const out: Audit[] = [];
  for (let i = 0; i < n; i++) {
    const audit = structuredClone(bases[i % bases.length]!);
    const service = `svc-${String(i).padStart(3, "0")}`;
    audit.service = service;
    audit.map = `services/${service}/parity-map.yaml`;
    audit.generatedAt = new Date(start.getTime() + i * 60_000).toISOString();
    for (const pair of audit.pairs) {
      pair.findings = pair.findings.filter((f) => !(f.kind === "gap" && !f.declared && pick(`${service}/${f.id}`, 4) === 0));
      if (i % 3 === 0) pair.findings.push({ ...undeclared(i, { subject: "SHARED_RETRY_BUDGET" }), pair: pair.name, id: `${pair.name}/app-config/SHARED_RETRY_BUDGET/value`, message: "SHARED_RETRY_BUDGET is 5 in staging and 2 in production", risk: "high", severity: "high" });
      pair.sections = sectionsOf(pair.findings);
    }
    out.push(reverdict(audit, audit.verdict.gate));
  }
  return out;
}

/** The audits as files in a folder, nested as a CI artifact download leaves them. */
export async function fleetFolder(audits: Audit[]): Promise<string> {
  const dir = await tempFolder("parity-fleet-");
  for (const audit of audits) {
    const folder = path.join(dir, `parity-${audit.service}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "parity.json"), `${JSON.stringify(audit, null, 2)}\n`);
  }
  return dir;
}
