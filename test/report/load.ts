import path from "node:path";
import { runPipeline } from "../../src/pipeline.js";
import type { Audit, FailOn } from "../../src/types.js";

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
        return audit;
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
