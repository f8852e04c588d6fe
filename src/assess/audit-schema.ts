import { z } from "zod";
import {
  BLOCK_REASONS,
  CONFIDENCES,
  DIMENSIONS,
  FAIL_ON_LEVELS,
  RATINGS,
  SECTIONS,
  SEVERITIES,
  type Audit,
  type JsonValue,
} from "../types.js";

// The JSON report's contract (schemaVersion 2) in zod: `parity report --from` and every other
// reader validate saved audits with it, and `schema/audit.schema.json` is generated from it.
// The declarations in src/types.ts stay the readable source for TypeScript; the assignments at
// the bottom make any drift between the two a compile error.

const json: z.ZodType<JsonValue> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(json), z.record(z.string(), json)]))
  .meta({ id: "jsonValue", description: "A probe's evidence: any JSON value" });
const dimension = z.enum(DIMENSIONS);
const risk = z.enum(SEVERITIES);

const entry = z
  .strictObject({
    id: z.string(),
    summary: z.string(),
    dimension,
    impact: risk,
    status: z.enum(["open", "mitigated", "accepted"]),
    mitigation: z.string().optional(),
    owner: z.string().optional(),
    reviewBy: z.string().optional(),
    overdue: z.boolean(),
    pairs: z.array(z.string()).optional().describe("The pairs the entry applies to, when the map names them"),
    line: z.number().int().optional().describe("The entry's line in the map file"),
  })
  .describe("A map entry, as the finding's reader needs it");

const base = {
  id: z.string().describe("Stable, readable id: pair/probe/subject/aspect"),
  pair: z.string(),
  probe: z.string().describe("The probe id; empty for a manual entry"),
  subject: z.string(),
  aspect: z.string(),
  dimension,
  message: z.string(),
  risk: risk.nullable().describe("The one weight every format shows; null for what carries no risk itself"),
  evidence: z.strictObject({ staging: json, production: json }).optional().describe("Both sides' evidence, already redacted"),
  location: z.strictObject({ file: z.string(), line: z.number().int().optional() }).optional().describe("The evidence file and line behind the finding (a JUnit test case, an incident log row)"),
  firstSeen: z.string().optional().describe("When a saved audit of the same service and map first showed this finding"),
  ageDays: z.number().int().nonnegative().optional().describe("Whole days from firstSeen to this audit"),
};

const finding = z.discriminatedUnion("kind", [
  z.strictObject({ ...base, kind: z.literal("gap"), declared: z.boolean(), severity: risk.describe("The probe's own judgement, before the map"), entry: entry.optional() }).describe("A difference: declared (a map entry explains it) or undeclared"),
  z.strictObject({ ...base, kind: z.literal("measurement"), inconclusive: z.boolean(), entry: entry.optional() }).describe("A figure or note, or an inconclusive look; never a gap"),
  z.strictObject({ ...base, kind: z.literal("stale-entry"), entry }).describe("An entry whose probe ran on its pairs and matched nothing"),
  z.strictObject({ ...base, kind: z.literal("manual-entry"), entry }).describe("An entry without match, verified by no probe"),
  z.strictObject({ ...base, kind: z.literal("probe-error"), side: z.enum(["staging", "production", "both"]), unverified: z.array(z.string()).describe("Entries it left unverified") }).describe("A probe that could not run"),
  z.strictObject({ ...base, kind: z.literal("unreadable") }).describe("An input file that could not be read"),
]);

const sideSource = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("live") }),
  z.strictObject({ source: z.literal("snapshot"), file: z.string(), collectedAt: z.string(), ageDays: z.number().int().nonnegative() }),
]);

const probeRun = z.strictObject({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["ok", "error", "skipped"]),
  durationMs: z.number(),
  error: z.string().optional(),
  side: z.enum(["staging", "production", "both"]).optional(),
  sides: z.strictObject({ staging: sideSource.optional(), production: sideSource.optional() }).optional().describe("Where each side came from"),
  line: z.number().int().optional().describe("The probe's line in the map file"),
});

const dimensionAssessment = z.strictObject({
  rating: z.enum(RATINGS).describe("Risk: high is the worst; unknown means no evidence"),
  confidence: z.enum(CONFIDENCES),
  headline: z.string(),
  summary: z.string(),
  confidenceReasons: z.array(z.string()),
  findings: z.number().int(),
});

const byDimension = <T extends z.ZodType>(value: T) => z.strictObject(Object.fromEntries(DIMENSIONS.map((d) => [d, value])) as Record<(typeof DIMENSIONS)[number], T>);

const counts = z
  .strictObject({
    undeclared: z.number().int(),
    declared: z.number().int(),
    openHighImpact: z.number().int(),
    manual: z.number().int(),
    stale: z.number().int(),
    unverified: z.number().int(),
    overdue: z.number().int(),
    probeErrors: z.number().int(),
    unreadable: z.number().int(),
    measurements: z.number().int(),
    inconclusive: z.number().int(),
  })
  .describe("Counts by kind");

const upkeepItem = z.strictObject({ entry: z.string(), pairs: z.array(z.string()), line: z.number().int().optional(), owner: z.string().optional(), reviewBy: z.string().optional(), detail: z.string() });
const findingRef = z.strictObject({ id: z.string(), pair: z.string(), probe: z.string(), subject: z.string(), aspect: z.string() });

export const auditSchema = z
  .strictObject({
    schemaVersion: z.literal(2),
    service: z.string(),
    generatedAt: z.string(),
    parityVersion: z.string(),
    map: z.string(),
    verdict: z
      .strictObject({
        gate: z.enum(FAIL_ON_LEVELS),
        passed: z.boolean(),
        exitCode: z.union([z.literal(0), z.literal(1), z.literal(3)]),
        summary: z.string().describe("The gate line every format states first"),
        reasons: z.array(z.string()),
        counts,
        byPair: z.record(z.string(), z.strictObject({ passed: z.boolean(), exitCode: z.union([z.literal(0), z.literal(1), z.literal(3)]), counts, blocking: z.array(z.string()) })),
        blocking: z.array(z.strictObject({ id: z.string(), reason: z.enum(BLOCK_REASONS), pairs: z.array(z.string()), entry: z.string().optional(), findings: z.array(z.string()) })),
      })
      .describe("The release decision, computed once"),
    pairs: z.array(
      z.strictObject({
        name: z.string(),
        staging: z.string(),
        production: z.string(),
        probes: z.array(probeRun),
        findings: z.array(finding),
        dimensions: byDimension(dimensionAssessment),
        sections: z.array(z.strictObject({ section: z.enum(SECTIONS), findings: z.array(z.string()) })),
      }),
    ),
    overall: byDimension(z.strictObject({ rating: z.enum(RATINGS), confidence: z.enum(CONFIDENCES) })),
    upkeep: z.strictObject({
      entries: z.number().int(),
      stale: z.array(upkeepItem),
      unverified: z.array(upkeepItem),
      unchecked: z.array(upkeepItem),
      overdue: z.array(upkeepItem),
      clean: z.boolean(),
    }),
    snapshots: z.array(z.strictObject({ environment: z.string(), file: z.string(), collectedAt: z.string(), ageDays: z.number().int(), probes: z.array(z.string()) })),
    sinceLast: z.strictObject({ previous: z.string().nullable(), newFindings: z.array(findingRef), resolved: z.array(findingRef) }).optional(),
  })
  .describe("A parity audit (JSON report, schemaVersion 2)");


/** The committed `schema/audit.schema.json` (draft-07, like the map's). */
export function auditJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(auditSchema, { target: "draft-7" }) as Record<string, unknown>;
  return { ...schema, $id: "https://parity.dev/schema/audit.schema.json", title: "parity audit" };
}

export function auditJsonSchemaText(): string {
  return `${JSON.stringify(auditJsonSchema(), null, 2)}\n`;
}

// Drift between this schema and src/types.ts is a type error, in both directions.
type Parsed = z.infer<typeof auditSchema>;
export const _auditIsParsed = (a: Audit): Parsed => a;
export const _parsedIsAudit = (a: Parsed): Audit => a;
