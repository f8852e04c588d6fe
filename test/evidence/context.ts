import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Environment } from "../../src/map/schema.js";
import type { CollectContext, CompareContext, Probe } from "../../src/probe.js";
import type { Observation } from "../../src/types.js";

export const fixtures = fileURLToPath(new URL("fixtures/", import.meta.url));
export const scenario = (name: string) => `${fixtures}scenarios/${name}`;

export function env(name: string, extra: Partial<Environment> = {}): Environment {
  return { name, ...extra } as Environment;
}

/** Validates options the way the map does (strict, defaults applied), so tests use what users would write. */
export function options<O>(probe: Probe<O, unknown>, raw: Record<string, unknown>): O {
  return z.strictObject(probe.options).parse(raw) as O;
}

export function collectContext<O>(probe: Probe<O, unknown>, opts: O, mapDir: string, side: "staging" | "production" = "staging"): CollectContext<O> {
  return {
    probeId: `${probe.kind}-probe`,
    options: opts,
    signal: new AbortController().signal,
    timeoutMs: 30_000,
    side,
    mapDir,
    shared: () => {
      throw new Error("evidence probes share nothing");
    },
  };
}

export function compareContext<O>(opts: O, now: string, differenceIds: string[] = []): CompareContext<O> {
  return { probeId: "p", options: opts, staging: env("staging"), production: env("production"), differenceIds, now: new Date(now) };
}

/** Collects both sides from real files and compares, the way the runner does. */
export async function run<O, S>(probe: Probe<O, S>, raw: Record<string, unknown>, mapDir: string, now = "2026-11-26T08:00:00Z", differenceIds: string[] = [], envs = [env("staging"), env("production")]): Promise<Observation[]> {
  const opts = options(probe, raw);
  const [s, p] = await Promise.all([probe.collect(envs[0], collectContext(probe, opts, mapDir, "staging")), probe.collect(envs[1], collectContext(probe, opts, mapDir, "production"))]);
  // Snapshots must survive a save to disk (parity snapshot) unchanged.
  const [sj, pj] = [JSON.parse(JSON.stringify(s)) as S, JSON.parse(JSON.stringify(p)) as S];
  return probe.compare(sj, pj, compareContext(opts, now, differenceIds));
}

export const byAspect = (observations: Observation[], aspect: string) => observations.filter((o) => o.aspect === aspect);
