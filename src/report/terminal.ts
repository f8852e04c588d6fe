import Table from "cli-table3";
import type { Audit, PairAudit } from "../types.js";
import { DIMENSIONS } from "../types.js";
import { DEFAULT_WIDTH, type ReportOptions } from "./options.js";
import { palette, type Palette } from "./palette.js";
import { DIMENSION_TITLE, RATING_TEXT, SECTIONS, entriesById, groupFindings, pairLabel, type Section } from "./sections.js";
import { sectionLines, verdict } from "./terminal-findings.js";
import { clean, formatDate, formatDuration, plural, wrap } from "./text.js";

// cli-table3 would colour heads and borders itself; all colour goes through our palette instead.
const PLAIN_STYLE = { head: [] as string[], border: [] as string[] };
// No rule between rows: the tables stay short enough to read at a glance.
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

function ratingsTable(pair: PairAudit, counts: Record<string, number>, p: Palette): string {
  const table = new Table({ head: ["Dimension", "Rating", "Confidence", "Findings"].map((h) => p.c.bold(h)), style: PLAIN_STYLE, chars: COMPACT });
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    table.push([DIMENSION_TITLE[d], p.rating(a.rating, RATING_TEXT[a.rating]), a.confidence, String(counts[d] ?? 0)]);
  }
  return table.toString();
}

function probesTable(pair: PairAudit, p: Palette, width: number): string {
  // colWidths include cell padding; six border characters frame five columns.
  // The kind column fits the longest kind ("deployments"), so kinds are never cut.
  const kind = Math.max(6, ...pair.probes.map((r) => r.kind.length)) + 2;
  const rest = Math.max(36, width - 6 - kind - 9 - 10);
  const longest = Math.max(5, ...pair.probes.map((r) => r.id.length));
  const probe = Math.min(26, longest + 2, rest - 16);
  const table = new Table({
    head: ["Probe", "Kind", "Status", "Duration", "Note"].map((h) => p.c.bold(h)),
    colWidths: [probe, kind, 9, 10, rest - probe],
    wordWrap: true,
    style: PLAIN_STYLE,
    chars: COMPACT,
  });
  for (const run of pair.probes) {
    const status = run.status === "ok" ? p.c.green("ok") : run.status === "error" ? p.c.magenta.bold("error") : p.c.gray("skipped");
    const side = run.side && run.status === "error" ? `${run.side}: ` : "";
    table.push([clean(run.id), clean(run.kind), status, formatDuration(run.durationMs), run.error ? clean(`${side}${run.error}`) : ""]);
  }
  return table.toString();
}

function pairLines(pair: PairAudit, p: Palette, width: number): string[] {
  const groups = groupFindings(pair);
  const counts = Object.fromEntries(SECTIONS.map((s) => [s, groups[s].length])) as Record<Section, number>;
  // "Findings" counts what a reader must act on or know about per dimension, not measurements.
  const gaps: Record<string, number> = {};
  for (const f of pair.findings) if (!f.informational) gaps[f.dimension] = (gaps[f.dimension] ?? 0) + 1;
  const loud = counts.undeclared + counts["open-high"] > 0;
  const tone = loud ? p.c.red.bold : counts.error ? p.c.magenta : p.c.green;
  const lines = [...wrap(verdict(counts), width).map((l) => tone(l)), "", ratingsTable(pair, gaps, p), ""];
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    lines.push(`${p.c.bold(DIMENSION_TITLE[d])} — ${p.rating(a.rating, RATING_TEXT[a.rating])} ${p.c.gray(`(confidence ${a.confidence})`)}`);
    lines.push(...wrap(clean(a.summary), width, "  "), "");
  }
  for (const s of SECTIONS) lines.push(...sectionLines(s, groups[s], p, width));
  lines.push(p.c.bold("Probes"), probesTable(pair, p, width), "");
  return lines;
}

function upkeepLines(audit: Audit, p: Palette, width: number): string[] {
  const { stale, overdue } = audit.upkeep;
  if (stale.length === 0 && overdue.length === 0) return [p.c.bold("Map upkeep"), p.c.green("  Every entry matched something and none is overdue for review."), ""];
  const entries = entriesById(audit.pairs);
  const at = (id: string) => (entries.get(id)?.line ? ` (${audit.map}:${entries.get(id)?.line})` : "");
  const lines = [p.c.bold("Map upkeep")];
  for (const id of stale) lines.push(...wrap(`? stale: ${clean(id)}${at(id)} — its probe ran and observed nothing matching; remove or correct it`, width, "  ", "    ").map((l) => p.c.yellow(l)));
  for (const id of overdue) {
    const e = entries.get(id);
    const detail = [e?.reviewBy ? `review was due ${e.reviewBy}` : "review overdue", e?.owner ? `owner ${e.owner}` : ""].filter(Boolean).join(", ");
    lines.push(...wrap(`! overdue: ${clean(id)}${at(id)} — ${clean(detail)}`, width, "  ", "    ").map((l) => p.c.yellow(l)));
  }
  return [...lines, ""];
}

function sinceLastLines(audit: Audit, p: Palette, width: number): string[] {
  const since = audit.sinceLast;
  if (!since) return [];
  if (since.previous === null) return [`${p.c.bold("Since last audit:")} this is the first saved audit.`];
  const multi = audit.pairs.length > 1;
  const item = (mark: string, x: { pair: string; probe: string; subject: string; aspect: string }) =>
    wrap(`${mark} ${multi ? `${x.pair}: ` : ""}${[x.probe, x.subject, x.aspect].filter(Boolean).join(" · ")}`, width, "  ", "    ").map(clean);
  const lines = [`${p.c.bold("Since last audit")} (${formatDate(since.previous)}): ${since.newFindings.length} new, ${since.resolved.length} resolved`];
  for (const x of since.newFindings) lines.push(...item("+", x).map((l) => p.c.red(l)));
  for (const x of since.resolved) lines.push(...item("−", x).map((l) => p.c.green(l)));
  return lines;
}

/** The report a release manager reads in the terminal: ratings, narrative, findings, probes, upkeep. */
export function renderTerminal(audit: Audit, options: ReportOptions): string {
  const p = palette(options.color);
  const width = options.width ?? DEFAULT_WIDTH;
  const pairs = audit.pairs.map(pairLabel).join(", ");
  const lines = [
    ...wrap(`Parity audit · ${clean(audit.service)} · ${clean(pairs)} · ${formatDate(audit.generatedAt)}`, width, "", "  ").map((l) => p.c.bold(l)),
    ...wrap(`map ${clean(audit.map)} · parity ${clean(audit.parityVersion)} · ${plural(audit.pairs.length, "pair")}`, width).map((l) => p.c.gray(l)),
    "",
  ];
  for (const pair of audit.pairs) {
    if (audit.pairs.length > 1) lines.push(p.c.inverse.bold(` Pair ${clean(pairLabel(pair))} `), "");
    lines.push(...pairLines(pair, p, width));
  }
  lines.push(...upkeepLines(audit, p, width), ...sinceLastLines(audit, p, width));
  while (lines.at(-1) === "") lines.pop();
  return `${lines.join("\n")}\n`;
}
