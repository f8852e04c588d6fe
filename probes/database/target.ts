import { z } from "zod";
import { snapshotFile } from "../../src/map/target-fields.js";
import { urlSecrets } from "../../src/redact.js";
import { defineTarget } from "../../src/target.js";

export const databaseSchema = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .optional()
      .describe("postgres://, postgresql:// or mysql:// URL; the password is never printed (use ${VAR})"),
    snapshot: snapshotFile.optional(),
  })
  .describe("A database, for the schema and data probes");

export type DatabaseTarget = z.infer<typeof databaseSchema>;

/** `database:` / `databases: { main: …, ledger: … }`, read by the schema and data probes. */
export const databaseTarget = defineTarget<DatabaseTarget>({
  section: "database",
  named: "databases",
  probeKey: "database",
  noun: "database",
  schema: databaseSchema,
  sources: ["url", "snapshot"],
  addSecrets(section, redactor) {
    if (section.url) redactor.add(...urlSecrets(section.url));
  },
});
