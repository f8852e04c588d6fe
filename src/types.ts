/**
 * The vocabulary shared by probes, the assessment and every reporter, and the Audit: the one
 * contract between the engine and every output (JSON `schemaVersion: 2`, described by
 * `schema/audit.schema.json`, which `src/assess/audit-schema.ts` generates and type-checks
 * against these declarations).
 */

export const DIMENSIONS = ["test-reliability", "data-fidelity", "deployment-friction", "security"] as const;
/** A parity dimension: what kind of risk a difference speaks to. */
export type Dimension = (typeof DIMENSIONS)[number];

/** How a dimension is named in sentences and headings. */
export const DIMENSION_TITLE: Record<Dimension, string> = {
  "test-reliability": "Test reliability",
  "data-fidelity": "Data fidelity",
  "deployment-friction": "Deployment friction",
  security: "Security",
};

export const SEVERITIES = ["low", "medium", "high"] as const;
/** How much an observed difference matters on its own, before the map is consulted. */
export type Severity = (typeof SEVERITIES)[number];
/** The one weight every format shows for a finding: how much risk it carries for the release. */
export type Risk = Severity;

export const RATINGS = ["high", "medium", "low", "unknown"] as const;
/** A dimension's rating: how much risk the gaps on it carry (high = worst; unknown = no evidence). */
export type Rating = (typeof RATINGS)[number];

export const CONFIDENCES = ["high", "medium", "low"] as const;
/** How much of the evidence for a dimension was gathered. */
export type Confidence = (typeof CONFIDENCES)[number];

/** What trips the audit's gate (exit code 1); the README's table says what each level blocks. */
export const FAIL_ON_LEVELS = ["default", "undeclared", "high", "any", "never"] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** 0 the gate passed and every probe ran · 1 the gate tripped · 3 a probe could not run and the gate passed. */
export type ExitCode = 0 | 1 | 3;

export type Side = "staging" | "production";

/** A JSON-serialisable value, as carried in observations and snapshots. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const OBSERVATION_KINDS = ["difference", "measurement", "inconclusive", "unreadable"] as const;
/**
 * What a probe says it saw: a difference between the sides (the default); a measurement or
 * note (a pass rate, a latency figure); an inconclusive look (the probe looked at this subject
 * and aspect but could not decide: too few samples, too much noise); or an input it could not
 * read (a JUnit file that is not XML). Only differences can be gaps.
 */
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

/**
 * One difference (or notable fact) a probe saw between the two sides.
 * `staging`/`production` carry the evidence, already redacted where secret.
 */
export interface Observation {
  /** Default `difference`. */
  kind?: ObservationKind;
  subject: string;
  aspect: string;
  severity: Severity;
  message: string;
  staging: JsonValue;
  production: JsonValue;
  /** Overrides the probe's default dimension for this observation. */
  dimension?: Dimension;
  /**
   * The map entry this observation is evidence about, when the probe knows it (an incident
   * traced to an entry, say). Assessment files it under that entry, in the entry's dimension.
   */
  difference?: string;
  /** Where the evidence sits in an input file (a JUnit test case, an incident log row), when the probe knows it. */
  location?: EvidenceLocation;
}

/** A line of an evidence file: relative to the map's folder (or absolute when it lives elsewhere). */
export interface EvidenceLocation {
  file: string;
  line?: number;
}

export type EntryStatus = "open" | "mitigated" | "accepted";

/** What reporters need of a map entry, without reaching back into the map. */
export interface EntrySummary {
  id: string;
  summary: string;
  dimension: Dimension;
  impact: Severity;
  status: EntryStatus;
  mitigation?: string;
  owner?: string;
  reviewBy?: string;
  overdue: boolean;
  /** The pairs the entry applies to, when the map names them (otherwise every pair). */
  pairs?: string[];
  /** Where the entry sits in the map file, for annotations. */
  line?: number;
}

/** Both sides' evidence, as the probe recorded it (already redacted). */
export interface Evidence {
  staging: JsonValue;
  production: JsonValue;
}

export const FINDING_KINDS = ["gap", "measurement", "stale-entry", "manual-entry", "probe-error", "unreadable"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

interface FindingBase {
  /** Stable and readable: pair, probe, subject and aspect (`staging-production/app-config/PAYMENT_TIMEOUT_MS/value`). */
  id: string;
  pair: string;
  /** The probe id; empty for a manual entry, which no probe checks. */
  probe: string;
  subject: string;
  aspect: string;
  dimension: Dimension;
  message: string;
  /** The one weight every format shows; null for what carries no risk itself (measurements, errors, stale entries). */
  risk: Risk | null;
  evidence?: Evidence;
  /** The evidence file and line behind it (a JUnit test case, an incident log row), when the probe knows it. */
  location?: EvidenceLocation;
  /** When a saved audit of the same service and map first showed it (set when history is kept). */
  firstSeen?: string;
  /** Whole days from `firstSeen` to this audit: "open for 41 days". */
  ageDays?: number;
}

/** A difference between the sides: declared (a map entry explains it) or undeclared (a new gap). */
export interface GapFinding extends FindingBase {
  kind: "gap";
  declared: boolean;
  /** What the probe judged on its own, before the map was consulted; `risk` is what counts. */
  severity: Severity;
  /** The entry that explains it, when declared. */
  entry?: EntrySummary;
}

/** A figure or note, or an inconclusive look; never a gap. An inconclusive look leaves its entry unverified. */
export interface MeasurementFinding extends FindingBase {
  kind: "measurement";
  inconclusive: boolean;
  /** The entry it speaks to (an incident traced to it, an inconclusive look at its gap). */
  entry?: EntrySummary;
}

/** An entry whose probe ran on the pairs it applies to and matched nothing in any of them. */
export interface StaleEntryFinding extends FindingBase {
  kind: "stale-entry";
  entry: EntrySummary;
}

/** An entry without `match`: known, kept in the picture, verified by no probe. */
export interface ManualEntryFinding extends FindingBase {
  kind: "manual-entry";
  entry: EntrySummary;
}

/** A probe that could not run on this pair: its evidence is missing. */
export interface ProbeErrorFinding extends FindingBase {
  kind: "probe-error";
  side: Side | "both";
  /** The map entries it would have verified. */
  unverified: string[];
}

/** An input file the probe could not read (the rest of its inputs still count). */
export interface UnreadableFinding extends FindingBase {
  kind: "unreadable";
}

/** An observation after assessment against the map, or a fact about the map or a probe. */
export type Finding = GapFinding | MeasurementFinding | StaleEntryFinding | ManualEntryFinding | ProbeErrorFinding | UnreadableFinding;

export type ProbeStatus = "ok" | "error" | "skipped";

/** Where one side's snapshot came from: collected during this audit, or a `parity snapshot` file. */
export type SideSource = { source: "live" } | { source: "snapshot"; file: string; collectedAt: string; ageDays: number };

/** One probe's run on one pair. */
export interface ProbeRun {
  id: string;
  kind: string;
  status: ProbeStatus;
  durationMs: number;
  /** Why the probe could not run (already redacted). */
  error?: string;
  /** Which side failed, when only one did. */
  side?: Side | "both";
  /** Where each side's snapshot came from (absent for a side that failed before it had one). */
  sides?: { staging?: SideSource; production?: SideSource };
  /** The probe's line in the map file (for SARIF locations and annotations). */
  line?: number;
}

export interface DimensionAssessment {
  rating: Rating;
  confidence: Confidence;
  /** "Test reliability — high risk": the rating in the audit's one vocabulary. */
  headline: string;
  /** Why, in sentences that never restate the rating in other words. */
  summary: string;
  /** Why confidence is lower than high (a failed probe, an inconclusive measurement …). */
  confidenceReasons: string[];
  /** Gaps and manual entries on this dimension (what a reader must know about, not measurements). */
  findings: number;
}

export const SECTIONS = ["undeclared", "open-high-impact", "declared", "manual", "stale", "probe-error", "unreadable", "measurement"] as const;
/** The report's groups of findings, loudest first. */
export type Section = (typeof SECTIONS)[number];

export interface PairAudit {
  name: string;
  staging: string;
  production: string;
  probes: ProbeRun[];
  findings: Finding[];
  dimensions: Record<Dimension, DimensionAssessment>;
  /** The findings by section, loudest first, highest risk first within a section (ids). */
  sections: Array<{ section: Section; findings: string[] }>;
}

export interface VerdictCounts {
  /** Undeclared gaps (each difference in each pair). */
  undeclared: number;
  /** Declared gap findings. */
  declared: number;
  /** Known gaps that are open and high-impact, declared or manual (one per entry and pair). */
  openHighImpact: number;
  /** Manual entries (one per entry and pair). */
  manual: number;
  /** Entries that matched nothing where their probe ran. */
  stale: number;
  /** Entries no probe could verify this time (an error, an inconclusive look). */
  unverified: number;
  /** Entries past their review date. */
  overdue: number;
  /** Probes that could not run (one per probe and pair). */
  probeErrors: number;
  /** Inputs that could not be read. */
  unreadable: number;
  /** Figures and notes. */
  measurements: number;
  /** Inconclusive looks. */
  inconclusive: number;
}

export const BLOCK_REASONS = ["undeclared", "open-high-impact", "stale-entry", "overdue-review"] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** One reason the gate failed: one box to tick before the release. */
export interface BlockingItem {
  id: string;
  reason: BlockReason;
  /** The pairs it blocks. */
  pairs: string[];
  /** The map entry, for entry reasons. */
  entry?: string;
  /** The findings behind it (an overdue entry may have none in this audit). */
  findings: string[];
}

export interface PairVerdict {
  passed: boolean;
  exitCode: ExitCode;
  counts: VerdictCounts;
  /** Ids of the blocking items that block this pair. */
  blocking: string[];
}

/** The release decision, computed once by assess; every format states it first. */
export interface Verdict {
  gate: FailOn;
  passed: boolean;
  exitCode: ExitCode;
  /** `Gate (default): FAILED, exit 1 — 22 undeclared differences, 1 probe error (2 pairs)`. */
  summary: string;
  /** The counted reasons the summary gives ("22 undeclared differences", "1 probe error"). */
  reasons: string[];
  counts: VerdictCounts;
  byPair: Record<string, PairVerdict>;
  blocking: BlockingItem[];
}

/** One entry of the map-upkeep list, with the words every format shows. */
export interface UpkeepItem {
  entry: string;
  /** The audit's pairs it concerns. */
  pairs: string[];
  line?: number;
  owner?: string;
  reviewBy?: string;
  detail: string;
}

/** What the map's author should tend to. */
export interface Upkeep {
  /** How many entries the map declares. */
  entries: number;
  stale: UpkeepItem[];
  unverified: UpkeepItem[];
  /** Entries whose probe did not run in this audit (--probe, --pair, a probe's pairs). */
  unchecked: UpkeepItem[];
  overdue: UpkeepItem[];
  /** True only when the map has entries, every entry with a match matched something, and none is overdue. */
  clean: boolean;
}

/** A side that came from a snapshot file, for every format's header. */
export interface SnapshotSource {
  environment: string;
  file: string;
  collectedAt: string;
  ageDays: number;
  probes: string[];
}

export interface FindingRef {
  id: string;
  pair: string;
  probe: string;
  subject: string;
  aspect: string;
}

/** What changed since the previous saved audit. */
export interface SinceLast {
  previous: string | null;
  newFindings: FindingRef[];
  resolved: FindingRef[];
}

/** The audit: the one contract between the engine and every reporter. */
export interface Audit {
  schemaVersion: 2;
  service: string;
  generatedAt: string;
  parityVersion: string;
  map: string;
  verdict: Verdict;
  pairs: PairAudit[];
  /** Each dimension over all pairs: the worst rating and the lowest confidence. */
  overall: Record<Dimension, { rating: Rating; confidence: Confidence }>;
  upkeep: Upkeep;
  /** Sides that came from snapshot files rather than live targets. */
  snapshots: SnapshotSource[];
  /** What changed since the previous saved audit (absent with --no-history). */
  sinceLast?: SinceLast;
}
