import type { z } from "zod";
import { urlTarget } from "../../src/map/target-fields.js";

/** `cache:` / `caches: { sessions: …, jobs: … }`, read by the cache probe. */
export const { schema: cacheSchema, target: cacheTarget } = urlTarget({
  section: "cache",
  named: "caches",
  probeKey: "cache",
  noun: "cache",
  url: "redis:// or rediss:// URL of a Redis (or Redis-protocol) server; the password is never printed (use ${VAR})",
  description: "A cache speaking the Redis protocol, for the cache probe",
});

export type CacheTarget = z.infer<typeof cacheSchema>;
