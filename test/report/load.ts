import path from "node:path";
import { sectionsOf } from "../../src/assess/sections.js";
import { reverdict } from "../../src/assess/verdict.js";
import { runPipeline } from "../../src/pipeline.js";
import type { Audit, FailOn, GapFinding } from "../../src/types.js";

/** The scenario folders under test/fixtures/scenarios: real maps whose environments point at snapshot files. */
export const SCENARIOS = ["payments", "all-clear", "probe-errors", "regions"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The fixture clock: the scenarios' snapshot ages, deploy windows and review dates are judged against it. */
export const FIXTURE_NOW = new Date("2026-11-26T10:00:00.000Z");

export const scenarioMap = (name: string) => path.join(import.meta.dirname, "../fixtures/scenarios", name, "parity-map.yaml");

const cache = new Map<string, Promise<Audit>>();

/**
 * The audit the real engine produces for a scenario (load → plan → run → assess), with probe
 * durations pinned so renders are byte-stable. A fresh copy each time, so a test may change it.
 */
export async function scenarioAudit(name: Scenario, failOn: FailOn = "default"): Promise<Audit> {
  const key = `${name}/${failOn}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      runPipeline({ mapFile: scenarioMap(name), now: FIXTURE_NOW, version: "0.1.0", failOn }).then(({ audit }) => {
        for (const pair of audit.pairs) for (const run of pair.probes) run.durationMs = 42;
        // Pinned before rendering, so a checkout's path length cannot change how text wraps.
        return JSON.parse(pinned(JSON.stringify(audit))) as Audit;
      }),
    );
  }
  return structuredClone(await cache.get(key)!);
}

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Where a message names an absolute path of this checkout (a config file that does not exist), it reads `<repo>`. */
export function pinned(text: string): string {
  return text.split(repoRoot).join("<repo>");
}

// eslint-disable-next-line no-control-regex -- looking for ANSI escapes is the point
export const ANSI = /\u001b\[/;

/**
 * An undeclared gap as the assessment writes one, for tests that need audits of any size or
 * with hostile values. `addGaps` files them in the audit's first pair and judges it again.
 */
export function undeclared(i: number, extra: Partial<GapFinding> = {}): GapFinding {
  const subject = extra.subject ?? `KEY_${String(i).padStart(5, "0")}`;
  return {
    id: `staging-production/app-config/${subject}/value`,
    pair: "staging-production",
    kind: "gap",
    declared: false,
    probe: "app-config",
    subject,
    aspect: "value",
    dimension: "test-reliability",
    severity: "medium",
    risk: "medium",
    message: `KEY_${i} differs between staging and production`,
    evidence: { staging: `s${i}`, production: `p${i}` },
    ...extra,
  };
}

export function addGaps(audit: Audit, gaps: GapFinding[]): Audit {
  const pair = audit.pairs[0]!;
  pair.findings.push(...gaps.map((g) => ({ ...g, pair: pair.name, id: g.id.replace(/^[^/]+/, pair.name) })));
  pair.sections = sectionsOf(pair.findings);
  return reverdict(audit, audit.verdict.gate);
}
