import { mapKey } from "../history/store.js";
import type { Audit, Finding, FindingRef } from "../types.js";
import { DIMENSIONS } from "../types.js";
import { ageWords } from "./age-text.js";
import { RATING_BADGE, code, md, mdCell } from "./md-text.js";
import type { ReportOptions } from "./options.js";
import { DIMENSION_TITLE, RATING_TEXT, entryState, findingTarget, riskText } from "./sections.js";
import { formatDate } from "./text.js";
import { BLOCK_TEXT, blockingBoxes, type BlockingBox, gateResult, notBlocking, snapshotLines } from "./verdict-text.js";

/** GitHub refuses comment bodies over 65,536 characters; the lists shrink (and say so) until it fits. */
export const COMMENT_BUDGET = 60_000;

/**
 * The first line of every comment: a bot finds its own comment by it and edits that one instead
 * of adding another. One per service and map, so two maps in one repository keep two comments.
 */
export function commentMarker(audit: Pick<Audit, "service" | "map">): string {
  const quote = (s: string) => s.replace(/-->/g, "").replace(/"/g, "'");
  return `<!-- parity-pr-comment service="${quote(audit.service)}" map="${quote(mapKey(audit.map))}" -->`;
}

function icon(audit: Audit): string {
  return !audit.verdict.passed ? "❌" : audit.verdict.exitCode === 0 ? "✅" : "⚠️";
}

function where(audit: Audit, x: Pick<FindingRef, "pair" | "probe" | "subject" | "aspect">): string {
  return `${audit.pairs.length > 1 ? `${md(x.pair)}: ` : ""}${code([x.probe, x.subject, x.aspect].filter(Boolean).join(" · "))}`;
}

function findingLine(audit: Audit, f: Finding, withPair = true): string {
  const risk = f.risk ? ` (${riskText(f.risk)})` : "";
  const age = ageWords(f);
  return `${withPair && audit.pairs.length > 1 ? `${md(f.pair)}: ` : ""}${code(findingTarget(f))}${risk} — ${md(f.kind === "manual-entry" ? f.entry.summary : f.message)}${age ? ` _(${age})_` : ""}`;
}

function capped<T>(items: T[], limit: number, line: (x: T) => string, more: string): string[] {
  const shown = items.slice(0, limit).map(line);
  return items.length > limit ? [...shown, `- … and ${items.length - limit} more ${more}`] : shown;
}

function sinceLines(audit: Audit, findings: Map<string, Finding>, limit: number): string[] {
  const since = audit.sinceLast;
  if (!since) return ["_No history was kept for this audit (`--no-history`, or rendered from a file written without it): nothing to compare with._", ""];
  if (since.previous === null) return ["_The first saved audit of this map: nothing to compare with yet._", ""];
  const out = [`**Since the last audit** (${formatDate(since.previous)}): ${since.newFindings.length} new, ${since.resolved.length} resolved.`, ""];
  if (since.newFindings.length) out.push("**New:**", "", ...capped(since.newFindings, limit, (x) => `- ${findings.has(x.id) ? findingLine(audit, findings.get(x.id)!) : where(audit, x)}`, "(see the full report)"), "");
  if (since.resolved.length) out.push("**Resolved:**", "", ...capped(since.resolved, limit, (x) => `- ${where(audit, x)}`, "(see the full report)"), "");
  return out;
}

/** One box per blocking gap, merged across pairs by the checklist's rule (blockingBoxes): `eu, us: …`. */
function blockingLines(audit: Audit, findings: Map<string, Finding>, limit: number): string[] {
  const items = audit.verdict.blocking;
  if (!items.length) return [];
  const multi = audit.pairs.length > 1;
  const line = ({ item, pairs }: BlockingBox) => {
    const f = findings.get(item.findings[0] ?? "");
    const what = BLOCK_TEXT[item.reason].what;
    const where = multi && pairs.length ? `${pairs.map(md).join(", ")}: ` : "";
    if (item.reason === "undeclared" && f) return `- [ ] ${what}: ${where}${findingLine(audit, f, false)}`;
    const entry = f && "entry" in f && f.entry ? f.entry : undefined;
    const detail = entry ? `${md(entry.summary)} (${md(entryState(entry))})` : md([...audit.upkeep.stale, ...audit.upkeep.overdue].find((u) => u.entry === item.entry)?.detail ?? "");
    return `- [ ] ${what}: ${where}${code(item.entry ?? item.id)} — ${detail}`;
  };
  const boxes = blockingBoxes(audit, findings);
  const merged = boxes.length < items.length ? "; the same gap in several pairs is one box" : "";
  return [`**Blocking (${items.length}${merged}):**`, "", ...capped(boxes, limit, line, "(the full report lists them)"), ""];
}

/** Pairs × dimensions, words and badges only: no link, so it reads the same wherever it is pasted. */
function ratingsTable(audit: Audit): string[] {
  const head = ["Pair", ...DIMENSIONS.map((d) => DIMENSION_TITLE[d]), "Gate"];
  const rows = audit.pairs.map((p) => {
    const v = audit.verdict.byPair[p.name];
    return `| ${mdCell(p.name)} | ${DIMENSIONS.map((d) => `${RATING_BADGE[p.dimensions[d].rating]} ${RATING_TEXT[p.dimensions[d].rating]}`).join(" | ")} | ${v ? gateResult(v.passed, v.exitCode) : ""} |`;
  });
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows, ""];
}

function renderWith(audit: Audit, limit: number): string {
  const findings = new Map(audit.pairs.flatMap((p) => p.findings.map((f) => [f.id, f] as const)));
  const quiet = notBlocking(audit);
  const lines = [
    commentMarker(audit),
    `### ${icon(audit)} Parity: ${md(audit.service)} — ${md(audit.verdict.summary)}`,
    "",
    ...(quiet.length ? [`Not blocking at \`--fail-on ${audit.verdict.gate}\`: ${md(quiet.join(", "))}.`, ""] : []),
    ...sinceLines(audit, findings, limit),
    ...blockingLines(audit, findings, limit),
    ...ratingsTable(audit),
    `<sub>parity ${md(audit.parityVersion)} · map ${code(audit.map)} · ${formatDate(audit.generatedAt)}${snapshotLines(audit).map((s) => ` · ${md(s)}`).join("")}</sub>`,
  ];
  return `${lines.join("\n")}\n`;
}

/** `--format pr-comment`: one sticky pull-request comment body, with only what a reviewer needs. */
export function renderPrComment(audit: Audit, _options?: ReportOptions): string {
  for (const limit of [25, 10, 3, 0]) {
    const text = renderWith(audit, limit);
    if (text.length <= COMMENT_BUDGET) return text;
  }
  return `${renderWith(audit, 0).slice(0, COMMENT_BUDGET - 80)}\n\n_… cut to fit GitHub's comment size; see the full report._\n`;
}
