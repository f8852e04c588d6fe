import type { z } from "zod";
import type { Redactor } from "./redact.js";

/**
 * A kind of target an environment can hold (a database, an HTTP service, a config source, a
 * cache …), contributed by the probes that read it. The engine builds the map's environment
 * schema from the kinds the registered probes declare, so a probe with a new kind of target
 * adds its section without anyone editing the engine's map schema.
 *
 * Every kind comes in two forms: one unnamed target (`database: { url }`) and several named
 * ones (`databases: { main: { url }, ledger: { url } }`); a probe entry picks one by name with
 * its `probeKey` (`database: ledger`).
 */
export interface TargetKind<Section extends object = Record<string, unknown>> {
  /** The unnamed form's key in an environment, e.g. `database`. */
  section: string;
  /** The key holding named targets, e.g. `databases`. */
  named: string;
  /** The probe option that names one, e.g. `database` (`database: ledger`). */
  probeKey: string;
  /** What one is called in sentences: "database", "HTTP service", "config source". */
  noun: string;
  /** The section's map schema: a strict zod object. */
  schema: z.ZodType<Section>;
  /** Keys of which a section gives exactly one: its live source(s) or a snapshot file. */
  sources: readonly string[];
  /** Registers the secrets the section carries (DSN passwords, header values) with the redactor. */
  addSecrets(section: Section, redactor: Redactor): void;
}

/** Identity helper that keeps a kind's section type and schema checked together. */
export function defineTarget<Section extends object>(kind: TargetKind<Section>): TargetKind<Section> {
  return kind;
}
