import type { Audit, PairAudit } from "../types.js";
import { DIMENSIONS } from "../types.js";
import type { ReportOptions } from "./options.js";
import { DIMENSION_TITLE, RATING_TEXT, SECTIONS, entriesById, groupFindings, pairLabel, type Section } from "./sections.js";
import { verdict } from "./terminal-findings.js";
import { sectionMarkdown } from "./markdown-findings.js";
import { RATING_BADGE, code, md } from "./md-text.js";
import { formatDate, formatDuration } from "./text.js";

/** Internal knobs: the step summary renders the same report with a cap per section. */
export interface MarkdownLayout {
  /** At most this many findings per section (the rest are counted). */
  limit?: number;
}

export function ratingsTable(pair: PairAudit): string[] {
  const counts: Record<string, number> = {};
  for (const f of pair.findings) if (!f.informational) counts[f.dimension] = (counts[f.dimension] ?? 0) + 1;
  const rows = DIMENSIONS.map((d) => {
    const a = pair.dimensions[d];
    return `| ${DIMENSION_TITLE[d]} | ${RATING_BADGE[a.rating]} ${RATING_TEXT[a.rating]} | ${a.confidence} | ${counts[d] ?? 0} |`;
  });
  return ["| Dimension | Rating | Confidence | Findings |", "|---|---|---|---|", ...rows];
}

function pairMarkdown(pair: PairAudit, h: string, layout: MarkdownLayout): string[] {
  const groups = groupFindings(pair);
  const counts = Object.fromEntries(SECTIONS.map((s) => [s, groups[s].length])) as Record<Section, number>;
  const lines = [`> **${md(verdict(counts))}**`, "", ...ratingsTable(pair), ""];
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    lines.push(`**${DIMENSION_TITLE[d]} — ${RATING_TEXT[a.rating]}** (confidence ${a.confidence}). ${md(a.summary)}`, "");
  }
  for (const s of SECTIONS) lines.push(...sectionMarkdown(s, groups[s], `${h}#`, layout.limit));
  const probeRows = pair.probes.map((r) => {
    const note = r.error ? md(`${r.side && r.status === "error" ? `${r.side}: ` : ""}${r.error}`) : "";
    return `| ${code(r.id, true)} | ${md(r.kind)} | ${r.status === "ok" ? "ok" : `**${r.status}**`} | ${formatDuration(r.durationMs)} | ${note} |`;
  });
  lines.push(`${h}# Probes`, "", "| Probe | Kind | Status | Duration | Note |", "|---|---|---|---|---|", ...probeRows, "");
  return lines;
}

function upkeepMarkdown(audit: Audit): string[] {
  const { stale, overdue } = audit.upkeep;
  const lines = ["## Map upkeep", ""];
  if (stale.length === 0 && overdue.length === 0) return [...lines, "Every entry matched something and none is overdue for review.", ""];
  const entries = entriesById(audit.pairs);
  const at = (id: string) => (entries.get(id)?.line ? ` (${code(`${audit.map}:${entries.get(id)?.line}`)})` : "");
  for (const id of stale) lines.push(`- **stale:** ${code(id)}${at(id)} — its probe ran and observed nothing matching; remove or correct it`);
  for (const id of overdue) {
    const e = entries.get(id);
    const detail = [e?.reviewBy ? `review was due ${e.reviewBy}` : "review overdue", e?.owner ? `owner ${e.owner}` : ""].filter(Boolean).join(", ");
    lines.push(`- **overdue:** ${code(id)}${at(id)} — ${md(detail)}`);
  }
  return [...lines, ""];
}

function sinceLastMarkdown(audit: Audit): string[] {
  const since = audit.sinceLast;
  if (!since) return [];
  if (since.previous === null) return ["**Since last audit:** this is the first saved audit.", ""];
  const multi = audit.pairs.length > 1;
  const item = (x: { pair: string; probe: string; subject: string; aspect: string }) =>
    `${multi ? `${md(x.pair)}: ` : ""}${[x.probe, x.subject, x.aspect].filter(Boolean).map((t) => code(t)).join(" · ")}`;
  const lines = [`**Since last audit** (${formatDate(since.previous)}): ${since.newFindings.length} new, ${since.resolved.length} resolved`, ""];
  for (const x of since.newFindings) lines.push(`- new: ${item(x)}`);
  for (const x of since.resolved) lines.push(`- resolved: ${item(x)}`);
  return [...lines, ""];
}

export function renderMarkdownWith(audit: Audit, layout: MarkdownLayout): string {
  const pairs = audit.pairs.map((p) => md(pairLabel(p))).join(", ");
  const lines = [
    `# Parity audit: ${md(audit.service)}`,
    "",
    `**${pairs}** · ${formatDate(audit.generatedAt)} · map ${code(audit.map)} · parity ${md(audit.parityVersion)}`,
    "",
  ];
  const multi = audit.pairs.length > 1;
  for (const pair of audit.pairs) {
    if (multi) lines.push(`## Pair ${md(pairLabel(pair))}`, "");
    lines.push(...pairMarkdown(pair, multi ? "###" : "##", layout));
  }
  lines.push(...upkeepMarkdown(audit), ...sinceLastMarkdown(audit));
  while (lines.at(-1) === "") lines.pop();
  return `${lines.join("\n")}\n`;
}

/** The full report as GitHub-flavoured markdown (for PRs, wikis and the step summary). */
export function renderMarkdown(audit: Audit, _options?: ReportOptions): string {
  return renderMarkdownWith(audit, {});
}
