import { z } from "zod";
import { urlSecrets } from "../redact.js";
import { defineTarget } from "../target.js";

// Fields several target kinds share. They live in the engine because every kind's snapshot
// reference must read the same way (the runner reads it, not the probe).

/** Headers whose values are secrets as a whole. */
export const secretHeaders = z
  .record(z.string(), z.string())
  .describe("Headers sent with every request; values never appear in any output (use ${VAR} for tokens)");

/** A snapshot file written by `parity snapshot`, compared instead of a live target. */
export const snapshotFile = z
  .union([
    z.string().min(1),
    z.strictObject({
      file: z.string().min(1).describe("The snapshot file (path relative to the map)"),
      maxAgeDays: z.number().positive().optional().describe("An older snapshot is a probe error instead of silently stale evidence"),
    }),
  ])
  .describe("A snapshot file written by `parity snapshot`, compared instead of a live target (path relative to the map): FILE, or { file, maxAgeDays }");

/**
 * A kind of target reached by one URL, or read from a snapshot file instead: a database, a
 * cache … Its section is `{ url, snapshot }`, and the URL's password is a secret.
 */
export function urlTarget(spec: { section: string; named: string; probeKey: string; noun: string; url: string; description: string }) {
  const schema = z
    .strictObject({
      url: z.string().min(1).optional().describe(spec.url),
      snapshot: snapshotFile.optional(),
    })
    .describe(spec.description);
  const { url: _url, description: _description, ...names } = spec;
  const target = defineTarget<z.infer<typeof schema>>({
    ...names,
    schema,
    sources: ["url", "snapshot"],
    addSecrets(section, redactor) {
      if (section.url) redactor.add(...urlSecrets(section.url));
    },
  });
  return { schema, target };
}
