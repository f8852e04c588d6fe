import { z } from "zod";
import { DIMENSIONS, SEVERITIES } from "../types.js";
import { probes } from "../../probes/index.js";
import { LOAD_BOUNDS, boundMessage } from "../../probes/http/caps.js";

// Every object is strict: an unknown key in a hand-edited map is almost always a typo, and
// the loader turns it into a "did you mean" rather than silently ignoring it.

const secretHeaders = z
  .record(z.string(), z.string())
  .describe("Headers sent with every request; values never appear in any output (use ${VAR} for tokens)");

const snapshotFile = z
  .string()
  .min(1)
  .describe("A snapshot file written by `parity snapshot`, compared instead of a live target (path relative to the map)");

export const databaseSchema = z
  .strictObject({
    url: z
      .string()
      .min(1)
      .optional()
      .describe("postgres://, postgresql:// or mysql:// URL; the password is never printed (use ${VAR})"),
    snapshot: snapshotFile.optional(),
  })
  .describe("The environment's database, for the schema and data probes");

export const httpSchema = z
  .strictObject({
    baseUrl: z.string().min(1).optional().describe("Base URL that request paths are appended to"),
    headers: secretHeaders.optional(),
    maxConcurrency: z
      .number()
      .int()
      .positive()
      .max(LOAD_BOUNDS.concurrency, boundMessage("requests in flight per environment", LOAD_BOUNDS.concurrency))
      .default(4)
      .describe(`Most requests in flight at once against this environment, across all HTTP probes (at most ${LOAD_BOUNDS.concurrency})`),
    maxRatePerSecond: z
      .number()
      .positive()
      .max(LOAD_BOUNDS.ratePerSecond, boundMessage("requests per second per environment", LOAD_BOUNDS.ratePerSecond))
      .default(20)
      .describe(`Most requests started per second against this environment, across all HTTP probes (at most ${LOAD_BOUNDS.ratePerSecond})`),
    insecure: z
      .boolean()
      .default(false)
      .describe("Skip TLS certificate verification for this environment (the report says so)"),
    snapshot: snapshotFile.optional(),
  })
  .describe("The environment's HTTP service, for the latency and status probes");

export const configSourceSchema = z
  .strictObject({
    file: z.string().min(1).optional().describe("A .env, .json, .yaml or .yml file (path relative to the map)"),
    url: z.string().min(1).optional().describe("An HTTP endpoint answering a JSON object"),
    headers: secretHeaders.optional(),
    command: z.string().min(1).optional().describe("A shell command printing JSON or dotenv lines on stdout"),
    timeoutMs: z.number().int().positive().default(10_000).describe("How long the url or command may take"),
    snapshot: snapshotFile.optional(),
  })
  .describe("Where the environment's configuration comes from: exactly one of file, url, command or snapshot");

export const environmentSchema = z
  .strictObject({
    description: z.string().optional().describe("Free text for people"),
    database: databaseSchema.optional(),
    http: httpSchema.optional(),
    config: configSourceSchema.optional(),
  })
  .describe("One environment: the targets probes talk to");

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
  })
  .describe("A known difference between staging and production");

const probeCommon = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "ids use letters, digits, '.', '_' and '-'").describe("Stable id, used by `match.probe` and reports"),
  timeoutMs: z.number().int().positive().optional().describe("Deadline for this probe on each side, in milliseconds"),
  pairs: z.array(z.string()).optional().describe("Run only on these pairs (by name); default all"),
};

function probeSchema() {
  const variants = probes.map((probe) =>
    z.strictObject({ ...probeCommon, kind: z.literal(probe.kind).describe(probe.description), ...probe.options }).describe(probe.description),
  );
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

export type ParityMap = z.infer<typeof mapSchema>;
export type Environment = z.infer<typeof environmentSchema> & { name: string };
export type PairSpec = z.infer<typeof pairSchema>;
export type DifferenceEntry = z.infer<typeof differenceSchema>;
/** A probe entry of the map: id, kind, timeout and the kind's own options. */
export type ProbeEntry = { id: string; kind: string; timeoutMs?: number; pairs?: string[] } & Record<string, unknown>;
