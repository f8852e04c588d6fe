import { z } from "zod";
import { snapshotFile } from "../../src/map/target-fields.js";
import { urlSecrets } from "../../src/redact.js";
import { defineTarget } from "../../src/target.js";

export const cacheSchema = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .optional()
      .describe("redis:// or rediss:// URL of a Redis (or Redis-protocol) server; the password is never printed (use ${VAR})"),
    snapshot: snapshotFile.optional(),
  })
  .describe("A cache speaking the Redis protocol, for the cache probe");

export type CacheTarget = z.infer<typeof cacheSchema>;

/** `cache:` / `caches: { sessions: …, jobs: … }`, read by the cache probe. */
export const cacheTarget = defineTarget<CacheTarget>({
  section: "cache",
  named: "caches",
  probeKey: "cache",
  noun: "cache",
  schema: cacheSchema,
  sources: ["url", "snapshot"],
  addSecrets(section, redactor) {
    if (section.url) redactor.add(...urlSecrets(section.url));
  },
});
