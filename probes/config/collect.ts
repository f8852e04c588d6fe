import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { DEFAULT_SECRET_PATTERNS } from "../../src/redact.js";
import { listRulesOf } from "../documents/options.js";
import { secretLookingValues, toSnapshot } from "./snapshot.js";
import { describeSource, readSource } from "./source.js";
import type { ConfigOptions, ConfigSnapshot, ConfigSource } from "./types.js";

/** One side: read the environment's config source and keep secret values as (keyed) hashes only. */
export async function collectConfig(env: Environment, ctx: CollectContext<ConfigOptions>): Promise<ConfigSnapshot> {
  const rules = listRulesOf(ctx.options);
  const flat = await readSource(env.config, { envName: env.name, mapDir: ctx.mapDir, signal: ctx.signal, rules });
  const detected = await secretLookingValues(flat);
  // readSource has thrown unless env.config is there.
  return toSnapshot(describeSource(env.config as ConfigSource), flat, ctx.options.secrets ?? DEFAULT_SECRET_PATTERNS, { hash: ctx.secretHash, hashKey: ctx.hashKey, detected });
}
