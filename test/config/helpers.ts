import { fileURLToPath } from "node:url";
import { configProbe } from "../../probes/config/index.js";
import type { ConfigOptions, ConfigSnapshot, ConfigSource } from "../../probes/config/types.js";
import type { CollectContext, CompareContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { DEFAULT_SECRET_PATTERNS } from "../../src/redact.js";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

export function env(name: string, config: Partial<ConfigSource> | undefined): Environment {
  return { name, config: config === undefined ? undefined : { timeoutMs: 10_000, ...config } };
}

export function options(overrides: Partial<ConfigOptions> = {}): ConfigOptions {
  return { ignore: [], secrets: [...DEFAULT_SECRET_PATTERNS], ...overrides };
}

export function collectCtx(overrides: Partial<CollectContext<ConfigOptions>> = {}): CollectContext<ConfigOptions> {
  return {
    probeId: "app-config",
    options: options(),
    signal: new AbortController().signal,
    timeoutMs: 30_000,
    side: "staging",
    mapDir: FIXTURES,
    shared: (_key, create) => create(),
    ...overrides,
  };
}

/** Collects one environment through the probe, as the runner would. */
export function collect(config: Partial<ConfigSource> | undefined, ctx: Partial<CollectContext<ConfigOptions>> = {}): Promise<ConfigSnapshot> {
  return configProbe.collect(env("staging", config), collectCtx(ctx));
}

export function compare(staging: ConfigSnapshot, production: ConfigSnapshot, opts: Partial<ConfigOptions> = {}) {
  const ctx: CompareContext<ConfigOptions> = {
    probeId: "app-config",
    options: options(opts),
    staging: env("staging", undefined),
    production: env("production", undefined),
    differenceIds: [],
    now: new Date("2026-11-26T10:00:00Z"),
  };
  return configProbe.compare(staging, production, ctx);
}

/** The plain values of a snapshot, key → value text (null for secrets). */
export function plain(snapshot: ConfigSnapshot): Record<string, string | null> {
  return Object.fromEntries(Object.entries(snapshot.values).map(([k, v]) => [k, v.value]));
}
