import { plural } from "../assess/words.js";
import { DIMENSIONS, type Audit, type BlockingItem, type Finding, type ProbeRun, type Rating, type Section } from "../types.js";
import { DIMENSION_TITLE, pairLabel } from "./sections.js";
import { formatDate } from "./text.js";

/** "FAILED, exit 1" — a gate result in the words of the verdict's summary line. */
export function gateResult(passed: boolean, exitCode: number): string {
  return `${passed ? "PASSED" : "FAILED"}, exit ${exitCode}`;
}

/** The blocking item behind each finding that blocks, for formats that mark findings one by one (JUnit). */
export function blockingFindings(audit: Audit): Map<string, BlockingItem> {
  const out = new Map<string, BlockingItem>();
  for (const item of audit.verdict.blocking) for (const id of item.findings) if (!out.has(id)) out.set(id, item);
  return out;
}

/** One box of a blocking list: a gap, the verdict's items that are it (one per pair), and those pairs. */
export interface BlockingBox {
  /** The first of them, in the verdict's order: the one whose finding a box shows. */
  item: BlockingItem;
  items: BlockingItem[];
  pairs: string[];
  /** Every finding behind the box, across its pairs. */
  findings: string[];
}

/**
 * The verdict's blocking items as boxes to tick, in the verdict's order: items that are the same
 * gap in several pairs are one box naming those pairs, where the first of them stands. The same
 * gap is the same reason and, for an undeclared difference, the same probe, subject, aspect,
 * risk and message (values that differ between regions stay one box per pair); for a map entry,
 * the same entry. The one rule every format that lists boxes follows (checklist, pr-comment);
 * the verdict's counts stay per finding and pair.
 */
export function blockingBoxes(audit: Audit, findings: ReadonlyMap<string, Finding>): BlockingBox[] {
  const boxes = new Map<string, BlockingBox>();
  for (const item of audit.verdict.blocking) {
    const f = findings.get(item.findings[0] ?? "");
    const key =
      item.reason === "undeclared" && f ? [item.reason, f.probe, f.subject, f.aspect, f.risk ?? "", f.message].join("\u0000") : `${item.reason}\u0000${item.entry ?? item.id}`;
    const box = boxes.get(key);
    if (!box) {
      boxes.set(key, { item, items: [item], pairs: [...item.pairs], findings: [...item.findings] });
      continue;
    }
    box.items.push(item);
    box.findings.push(...item.findings);
    for (const pair of item.pairs) if (!box.pairs.includes(pair)) box.pairs.push(pair);
  }
  return [...boxes.values()];
}

/** What each reason is called, and what to do about it. */
export const BLOCK_TEXT: Record<BlockingItem["reason"], { what: string; fix: string }> = {
  undeclared: { what: "undeclared difference", fix: "Fix it, or declare it in the map." },
  "open-high-impact": { what: "open high-impact known gap", fix: "Mitigate or accept it before the release, with an owner and a review date." },
  "stale-entry": { what: "stale map entry", fix: "Remove the entry if the gap is gone, or correct its match." },
  "overdue-review": { what: "overdue review", fix: "Review the entry and move reviewBy forward." },
};

/** What was seen but does not block at this gate level ("12 undeclared differences"), so no format hides it. */
export function notBlocking(audit: Audit): string[] {
  const { counts, blocking, gate } = audit.verdict;
  const n = (reason: BlockingItem["reason"]) => blocking.filter((b) => b.reason === reason).length;
  const out: string[] = [];
  if (counts.undeclared > n("undeclared")) out.push(plural(counts.undeclared - n("undeclared"), gate === "high" ? "undeclared difference below high risk" : "undeclared difference", gate === "high" ? "undeclared differences below high risk" : "undeclared differences"));
  if (counts.openHighImpact > n("open-high-impact")) out.push(plural(counts.openHighImpact - n("open-high-impact"), "open high-impact known gap"));
  return out;
}

/** "production from snapshot prod.json, collected 2026-06-01 10:00 UTC (183 days old): db-schema, app-config". */
export function snapshotLines(audit: Audit): string[] {
  return audit.snapshots.map((s) => `${s.environment} from snapshot ${s.file}, collected ${formatDate(s.collectedAt)} (${ageText(s.ageDays)}): ${s.probes.join(", ")}`);
}

/** A probe's sides that came from snapshots, for the probes table's note (the header names the files). */
export function sourceNotes(run: ProbeRun): string[] {
  return (["staging", "production"] as const).flatMap((side) => {
    const s = run.sides?.[side];
    return s?.source === "snapshot" ? [`${side}: snapshot, ${ageText(s.ageDays)}`] : [];
  });
}

/** A probe's note: why it failed, and where its sides came from. */
export function probeNote(run: ProbeRun): string {
  // The runner's error already names the environment that failed ("production: …").
  const error = run.error ?? "";
  return [error, ...sourceNotes(run)].filter(Boolean).join("; ");
}

export function ageText(days: number): string {
  return days === 0 ? "less than a day old" : `${plural(days, "day")} old`;
}

/** The matrix of a many-pair audit: a row per pair (ratings and gate) and a row for all pairs. */
export function matrixRows(audit: Audit): { head: string[]; rows: Array<{ pair: string; ratings: Rating[]; gate: string; total: boolean }> } {
  const head = ["Pair", ...DIMENSIONS.map((d) => DIMENSION_TITLE[d]), `Gate (${audit.verdict.gate})`];
  const rows = audit.pairs.map((p) => {
    const v = audit.verdict.byPair[p.name];
    return { pair: p.name, ratings: DIMENSIONS.map((d) => p.dimensions[d].rating), gate: v ? gateResult(v.passed, v.exitCode) : "", total: false };
  });
  rows.push({ pair: "all pairs", ratings: DIMENSIONS.map((d) => audit.overall[d].rating), gate: gateResult(audit.verdict.passed, audit.verdict.exitCode), total: true });
  return { head, rows };
}

/** The title of a per-pair part of a many-pair report. */
export function pairHeading(audit: Audit, name: string): string {
  const pair = audit.pairs.find((p) => p.name === name)!;
  const v = audit.verdict.byPair[name];
  return `Pair ${pairLabel(pair)}${v ? ` — gate ${gateResult(v.passed, v.exitCode)}` : ""}`;
}

/** The upkeep list as labelled lines every format renders the same way. */
export function upkeepEntries(audit: Audit): Array<{ label: string; entry: string; line?: number; detail: string }> {
  const u = audit.upkeep;
  return [
    ...u.stale.map((i) => ({ label: "stale", entry: i.entry, line: i.line, detail: i.detail })),
    ...u.unverified.map((i) => ({ label: "unverified", entry: i.entry, line: i.line, detail: i.detail })),
    ...u.unchecked.map((i) => ({ label: "not checked", entry: i.entry, line: i.line, detail: i.detail })),
    ...u.overdue.map((i) => ({ label: "overdue", entry: i.entry, line: i.line, detail: i.detail })),
  ];
}

/** The sentence when the upkeep list is empty: true only when it is (never for a map with no entries). */
export function upkeepAllClear(audit: Audit): string | undefined {
  if (audit.upkeep.entries === 0) return "The map declares no differences yet: every gap found is undeclared until an entry explains it.";
  if (audit.upkeep.clean) return "Every entry with a match matched something, and none is overdue for review.";
  return undefined;
}

/** Marks that still read without colour (NO_COLOR, CI logs); the legend names the ones a report uses. */
export const SECTION_MARK: Record<Section, string> = {
  undeclared: "✖",
  "open-high-impact": "▲",
  declared: "●",
  manual: "✎",
  stale: "?",
  "probe-error": "!",
  unreadable: "⊘",
  measurement: "○",
};
export const INCONCLUSIVE_MARK = "~";

const MARK_WORDS: Record<Section, string> = {
  undeclared: "undeclared",
  "open-high-impact": "open high-impact",
  declared: "declared",
  manual: "manual",
  stale: "stale",
  "probe-error": "probe error",
  unreadable: "unreadable",
  measurement: "measurement",
};

export function markOf(section: Section, finding: Finding): string {
  return finding.kind === "measurement" && finding.inconclusive ? INCONCLUSIVE_MARK : SECTION_MARK[section];
}

/** One line naming the markers a report uses: "✖ undeclared · ● declared · ○ measurement · ~ inconclusive". */
export function legend(audit: Audit): string | undefined {
  const used = new Set(audit.pairs.flatMap((p) => p.sections.map((s) => s.section)));
  const parts = (Object.keys(SECTION_MARK) as Section[]).filter((s) => used.has(s)).map((s) => `${SECTION_MARK[s]} ${MARK_WORDS[s]}`);
  if (audit.pairs.some((p) => p.findings.some((f) => f.kind === "measurement" && f.inconclusive))) parts.push(`${INCONCLUSIVE_MARK} inconclusive`);
  return parts.length ? `Key: ${parts.join(" · ")}` : undefined;
}
