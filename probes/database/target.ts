import type { z } from "zod";
import { urlTarget } from "../../src/map/target-fields.js";

/** `database:` / `databases: { main: …, ledger: … }`, read by the schema and data probes. */
export const { schema: databaseSchema, target: databaseTarget } = urlTarget({
  section: "database",
  named: "databases",
  probeKey: "database",
  noun: "database",
  url: "postgres://, postgresql:// or mysql:// URL; the password is never printed (use ${VAR})",
  description: "A database, for the schema and data probes",
});

export type DatabaseTarget = z.infer<typeof databaseSchema>;
