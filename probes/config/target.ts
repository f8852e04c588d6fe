import { z } from "zod";
import { secretHeaders, snapshotFile } from "../../src/map/target-fields.js";
import { urlSecrets } from "../../src/redact.js";
import { defineTarget } from "../../src/target.js";

export const configSourceSchema = z
  .strictObject({
    file: z.string().min(1).optional().describe("A .env, .json, .yaml or .yml file (path relative to the map)"),
    files: z
      .string()
      .min(1)
      .optional()
      .describe("A folder or glob of .yaml/.yml/.json files read as one list of documents, e.g. Kubernetes manifests (kind: infra; relative to the map)"),
    url: z.string().min(1).optional().describe("An HTTP endpoint answering a JSON object"),
    headers: secretHeaders.optional(),
    command: z.string().min(1).optional().describe("A shell command printing JSON or dotenv lines on stdout"),
    timeoutMs: z.number().int().positive().default(10_000).describe("How long the url or command may take"),
    snapshot: snapshotFile.optional(),
  })
  .describe("A configuration source: exactly one of file, files, url, command or snapshot");

export type ConfigTarget = z.infer<typeof configSourceSchema>;

/** `config:` / `configs: { app: …, k8s: … }`, read by the config probe (and probes reading documents). */
export const configTarget = defineTarget<ConfigTarget>({
  section: "config",
  named: "configs",
  probeKey: "config",
  noun: "config source",
  schema: configSourceSchema,
  sources: ["file", "files", "url", "command", "snapshot"],
  addSecrets(section, redactor) {
    if (section.url) redactor.add(...urlSecrets(section.url));
    redactor.addHeaderValues(section.headers);
  },
});
