import { createHash } from "node:crypto";
import type { Location, Log, Result } from "sarif";
import type { Audit, BlockingItem, Finding, PairAudit, UpkeepItem } from "../types.js";
import { ageWords } from "./age-text.js";
import type { ReportOptions } from "./options.js";
import { SARIF_RULE_IDS, ruleOf, sarifRules, type SarifRuleId } from "./sarif-rules.js";
import { dimensionWords, entryOf, entryState, findingTarget, riskText } from "./sections.js";
import { clean } from "./text.js";
import { BLOCK_TEXT, blockingFindings, snapshotLines } from "./verdict-text.js";

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/**
 * Our own fingerprint key. `primaryLocationLineHash` is GitHub's: upload-sarif recomputes it
 * from the file's text and warns when a tool's value disagrees; a key of our own keeps one alert
 * per gap across runs even when lines above its entry move.
 */
export const FINGERPRINT_KEY = "parityFinding/v1";

/** `parity-map.yaml`, `deploy/eu/parity-map.yaml`: a repository-relative URI, forward slashes. */
function mapUri(map: string): string {
  return map.split("\\").join("/");
}

function evidenceUri(mapPath: string, file: string): string {
  const f = file.split("\\").join("/");
  if (f.startsWith("/") || /^[A-Za-z]:\//.test(f)) return `file://${f.startsWith("/") ? "" : "/"}${f}`;
  const dir = mapPath.includes("/") ? mapPath.slice(0, mapPath.lastIndexOf("/")) : "";
  return dir ? `${dir}/${f}` : f;
}

function fingerprint(audit: Audit, id: string): string {
  return createHash("sha256").update(`${audit.service}\u0000${mapUri(audit.map)}\u0000${id}`).digest("hex");
}

/** Risk decides the level; the verdict raises what blocks the release to an error. */
function levelOf(f: Finding, blocking: boolean): Result.level {
  if (blocking) return "error";
  if (f.risk === "high") return "error";
  if (f.risk === "medium") return "warning";
  if (f.risk === "low") return "note";
  return f.kind === "probe-error" || f.kind === "stale-entry" ? "warning" : "note";
}

function where(audit: Audit, line: number | undefined): Location {
  return { physicalLocation: { artifactLocation: { uri: mapUri(audit.map) }, ...(line ? { region: { startLine: line } } : {}) } };
}

/** The line a reader fixes it at: the entry for what the map explains, the probe for the rest. */
function lineOf(pair: PairAudit, f: Finding): number | undefined {
  const entry = entryOf(f);
  const probeLine = pair.probes.find((r) => r.id === f.probe)?.line;
  if (f.kind === "manual-entry" || f.kind === "stale-entry" || (f.kind === "gap" && f.declared)) return entry?.line ?? probeLine;
  return probeLine ?? entry?.line;
}

function messageOf(audit: Audit, f: Finding, item: BlockingItem | undefined): string {
  const pairs = audit.pairs.length > 1 ? `[${f.pair}] ` : "";
  const risk = f.risk ? ` (${riskText(f.risk)}, ${dimensionWords(f)})` : ` (${dimensionWords(f)})`;
  const entry = entryOf(f);
  const explained = entry && !(f.kind === "gap" && !f.declared) ? ` Map entry ${entry.id}: ${entryState(entry)}.` : "";
  const words = ageWords(f);
  const age = words ? ` ${words[0]!.toUpperCase()}${words.slice(1)}.` : "";
  const blocks = item ? ` Blocks the release at --fail-on ${audit.verdict.gate}: ${BLOCK_TEXT[item.reason].fix}` : "";
  const text = f.kind === "manual-entry" ? f.entry.summary : f.message;
  return clean(`${pairs}${findingTarget(f)}: ${text}${risk}.${explained}${age}${blocks}`).replace(/\.\.(?=\s|$)/g, ".");
}

function findingResult(audit: Audit, pair: PairAudit, f: Finding, rule: SarifRuleId, item: BlockingItem | undefined): Result {
  const related = f.location
    ? [{ id: 1, message: { text: "The evidence behind this finding." }, physicalLocation: { artifactLocation: { uri: evidenceUri(mapUri(audit.map), f.location.file) }, ...(f.location.line ? { region: { startLine: f.location.line } } : {}) } }]
    : undefined;
  const entry = entryOf(f);
  return {
    ruleId: rule,
    ruleIndex: SARIF_RULE_IDS.indexOf(rule),
    level: levelOf(f, item !== undefined),
    message: { text: messageOf(audit, f, item) },
    locations: [where(audit, lineOf(pair, f))],
    ...(related ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(audit, f.id) },
    properties: {
      findingId: f.id,
      pair: f.pair,
      probe: f.probe,
      subject: f.subject,
      aspect: f.aspect,
      dimension: f.dimension,
      risk: f.risk,
      blocking: item !== undefined,
      ...(item ? { blockReason: item.reason } : {}),
      ...(entry ? { entry: entry.id, ...(entry.owner ? { owner: entry.owner } : {}) } : {}),
      ...(f.firstSeen ? { firstSeen: f.firstSeen, ageDays: f.ageDays } : {}),
    },
  };
}

function overdueResult(audit: Audit, item: UpkeepItem, blocking: boolean): Result {
  return {
    ruleId: "overdue-review",
    ruleIndex: SARIF_RULE_IDS.indexOf("overdue-review"),
    level: blocking ? "error" : "note",
    message: { text: clean(`Map entry ${item.entry} is overdue for review (${item.detail}). ${BLOCK_TEXT["overdue-review"].fix}`) },
    locations: [where(audit, item.line)],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(audit, `map/${item.entry}/overdue`) },
    properties: { entry: item.entry, pairs: item.pairs, blocking, ...(item.owner ? { owner: item.owner } : {}) },
  };
}

/** The SARIF 2.1.0 log, as an object (typed with @types/sarif). */
export function sarifLog(audit: Audit): Log {
  const blocking = blockingFindings(audit);
  const results: Result[] = [];
  for (const pair of audit.pairs) {
    for (const f of pair.findings) {
      const rule = ruleOf(f);
      if (rule) results.push(findingResult(audit, pair, f, rule, blocking.get(f.id)));
    }
  }
  const overdueBlocks = new Set(audit.verdict.blocking.filter((b) => b.reason === "overdue-review").map((b) => b.entry));
  for (const item of audit.upkeep.overdue) results.push(overdueResult(audit, item, overdueBlocks.has(item.entry)));
  const { verdict } = audit;
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "parity", version: audit.parityVersion, semanticVersion: audit.parityVersion, informationUri: "https://parity.dev", rules: sarifRules() } },
        // One category per service and map, so a matrix of maps uploads side by side instead of closing each other's alerts.
        automationDetails: { id: `parity/${audit.service}:${mapUri(audit.map)}/${audit.generatedAt}` },
        invocations: [{ executionSuccessful: true, exitCode: verdict.exitCode, endTimeUtc: audit.generatedAt, properties: { gate: verdict.gate, passed: verdict.passed, summary: verdict.summary } }],
        columnKind: "unicodeCodePoints",
        results,
        // Provenance travels with every format: a side read from a snapshot file says so, with its age.
        properties: { service: audit.service, generatedAt: audit.generatedAt, counts: { ...verdict.counts }, sources: snapshotLines(audit) },
      },
    ],
  };
}

/** `--format sarif`: for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF viewers. */
export function renderSarif(audit: Audit, _options?: ReportOptions): string {
  return `${JSON.stringify(sarifLog(audit), null, 2)}\n`;
}
