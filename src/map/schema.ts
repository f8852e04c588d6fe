import { z } from "zod";
import { DIMENSIONS, SEVERITIES } from "../types.js";
import { probes, targetKinds } from "../../probes/index.js";
import type { ConfigTarget } from "../../probes/config/target.js";
import type { DatabaseTarget } from "../../probes/database/target.js";
import type { HttpTarget } from "../../probes/http/target.js";

// Every object is strict: an unknown key in a hand-edited map is almost always a typo, and
// the loader turns it into a "did you mean" rather than silently ignoring it.

const targetName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "names use letters, digits, '.', '_' and '-'");

/**
 * An environment holds targets of every kind the registered probes read: one unnamed target
 * per kind (`database:`) and any number of named ones (`databases: { ledger: … }`).
 */
function environmentShape(): z.ZodRawShape {
  const shape: Record<string, z.ZodType> = { description: z.string().optional().describe("Free text for people") };
  for (const kind of targetKinds) {
    shape[kind.section] = kind.schema.optional();
    shape[kind.named] = z
      .record(targetName, kind.schema)
      .optional()
      .describe(`Several named ${kind.noun}s; a probe picks one with \`${kind.probeKey}: NAME\``);
  }
  return shape;
}

export const environmentSchema = z.strictObject(environmentShape()).describe("One environment: the targets probes talk to");

export const pairSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe("The pair's name for --pair (default: STAGING→PRODUCTION)"),
    staging: z.string().min(1).describe("The environment playing staging"),
    production: z.string().min(1).describe("The environment playing production"),
  })
  .describe("A staging → production pair to compare (several pairs = several regions or stages)");

export const matchSchema = z
  .strictObject({
    probe: z.string().min(1).describe("The id of the probe whose observations this entry explains"),
    subject: z
      .string()
      .min(1)
      .default("*")
      .describe("Glob over observation subjects (`*` matches anything, e.g. PAYMENT_*)"),
    aspect: z.string().min(1).optional().describe("Only observations with this aspect (e.g. value, missing-in-staging)"),
  })
  .describe("Which observations this entry explains");

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  // Round-trip rather than Date.parse, which rolls 2026-02-30 over to March; skipped when the
  // format is already wrong, so "tomorrow" gets one message, not two.
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return true;
    const time = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === s;
  }, "not a calendar date");

export const differenceSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "ids use letters, digits, '.', '_' and '-'").describe("Stable id, referenced by incidents and reports"),
    summary: z.string().min(1).describe("One sentence a release manager understands"),
    dimension: z.enum(DIMENSIONS).describe("The parity dimension the gap affects"),
    impact: z.enum(SEVERITIES).describe("How much the gap can hurt a release"),
    status: z.enum(["open", "mitigated", "accepted"]).describe("open: nothing done yet; mitigated: risk reduced; accepted: risk taken knowingly"),
    mitigation: z.string().optional().describe("What reduces the risk, or why it is accepted"),
    owner: z.string().optional().describe("Who keeps this entry true"),
    reviewBy: isoDate.optional().describe("Date (YYYY-MM-DD) by which the entry must be reviewed; later audits flag it overdue"),
    match: matchSchema.optional(),
    pairs: z.array(z.string().min(1)).min(1).optional().describe("The pairs (by name) this entry applies to; default all"),
  })
  .describe("A known difference between staging and production");

const probeCommon = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "ids use letters, digits, '.', '_' and '-'").describe("Stable id, used by `match.probe` and reports"),
  timeoutMs: z.number().int().positive().optional().describe("Deadline for this probe on each side, in milliseconds"),
  pairs: z.array(z.string()).optional().describe("Run only on these pairs (by name); default all"),
};

function probeSchema() {
  const variants = probes.map((probe) => {
    const target = probe.target
      ? {
          [probe.target.probeKey]: z
            .string()
            .min(1)
            .optional()
            .describe(`Which of an environment's \`${probe.target.named}\` this probe reads (default: its \`${probe.target.section}\`, or its only one)`),
        }
      : {};
    return z.strictObject({ ...probeCommon, kind: z.literal(probe.kind).describe(probe.description), ...target, ...probe.options }).describe(probe.description);
  });
  return z.discriminatedUnion("kind", variants as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

export const mapSchema = z
  .strictObject({
    $schema: z.string().optional().describe("JSON Schema for editors"),
    version: z.literal(1).describe("Map format version"),
    service: z.string().min(1).describe("The service this map describes"),
    environments: z.record(z.string(), environmentSchema).describe("Named environments"),
    pairs: z.array(pairSchema).min(1).describe("Which environments to compare"),
    probes: z.array(probeSchema()).default([]).describe("What to measure on each pair"),
    differences: z.array(differenceSchema).default([]).describe("The known differences: the heart of the map"),
  })
  .describe("parity map: environments, probes and the known differences between staging and production");

export type ParityMap = Omit<z.infer<typeof mapSchema>, "environments"> & { environments: Record<string, EnvironmentSpec> };
/**
 * One environment as probes see it. The runner resolves the target a probe reads and hands it
 * over in the kind's unnamed section, so a probe reads `env.database` whichever named database
 * the map pointed it at. Kinds contributed later are reached through their section key.
 */
export type Environment = EnvironmentSpec & { name: string };

/** An environment as written in the map (its name is the key). */
export type EnvironmentSpec = {
  description?: string;
  database?: DatabaseTarget;
  http?: HttpTarget;
  config?: ConfigTarget;
} & Record<string, unknown>;

export type PairSpec = z.infer<typeof pairSchema>;
export type DifferenceEntry = z.infer<typeof differenceSchema>;
/** A probe entry of the map: id, kind, timeout and the kind's own options. */
export type ProbeEntry = { id: string; kind: string; timeoutMs?: number; pairs?: string[] } & Record<string, unknown>;

