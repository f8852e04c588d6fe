import { z } from "zod";
import type { Probe, CollectContext, Closable, CompareContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import type { Observation } from "../../src/types.js";

/** An environment as the runner hands it to collect: the http section with schema defaults. */
export function httpEnv(name: string, http: Record<string, unknown>): Environment {
  return { name, http: { maxConcurrency: 4, maxRatePerSecond: 20, insecure: false, ...http } } as Environment;
}

/** What the runner does for one audit: a shared-resource store per environment, closed at the end. */
export class Audit {
  private readonly stores = new Map<string, Map<string, Closable>>();

  ctx<O>(env: Environment, options: O, side: "staging" | "production", extra: Partial<CollectContext<O>> = {}): CollectContext<O> {
    let store = this.stores.get(env.name);
    if (!store) this.stores.set(env.name, (store = new Map()));
    const s = store;
    return {
      probeId: "probe",
      options,
      signal: AbortSignal.timeout(extra.timeoutMs ?? 60_000),
      timeoutMs: 60_000,
      side,
      mapDir: process.cwd(),
      shared<T extends Closable>(key: string, create: () => T): T {
        if (!s.has(key)) s.set(key, create());
        return s.get(key) as T;
      },
      ...extra,
    };
  }

  async close(): Promise<void> {
    for (const store of this.stores.values()) for (const r of store.values()) await r.close?.();
    this.stores.clear();
  }
}

/** Parses raw map options through the probe's own zod shape (defaults applied, as the loader does). */
export function options<O>(probe: Probe<O, unknown>, raw: Record<string, unknown>): O {
  return z.strictObject(probe.options).parse(raw) as O;
}

export function compareCtx<O>(opts: O, staging: Environment, production: Environment, now = new Date()): CompareContext<O> {
  return { probeId: "probe", options: opts, staging, production, differenceIds: [], now };
}

/** Collects both sides at the same moment, as the runner does, then compares. */
export async function audit<O, S>(
  probe: Probe<O, S>,
  raw: Record<string, unknown>,
  staging: Environment,
  production: Environment,
  extra: Partial<CollectContext<O>> = {},
): Promise<{ staging: S; production: S; observations: Observation[] }> {
  const opts = options(probe, raw);
  const run = new Audit();
  try {
    const [s, p] = await Promise.all([
      probe.collect(staging, run.ctx(staging, opts, "staging", extra)),
      probe.collect(production, run.ctx(production, opts, "production", extra)),
    ]);
    const snapshots = JSON.parse(JSON.stringify({ s, p })) as { s: S; p: S };
    return { staging: snapshots.s, production: snapshots.p, observations: probe.compare(snapshots.s, snapshots.p, compareCtx(opts, staging, production)) };
  } finally {
    await run.close();
  }
}

/** Observations that are gaps (not measurements or inconclusive looks). */
export const gaps = (obs: Observation[]): Observation[] => obs.filter((o) => (o.kind ?? "difference") === "difference");
