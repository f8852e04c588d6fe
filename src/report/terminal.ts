import Table from "cli-table3";
import type { Audit, PairAudit } from "../types.js";
import { DIMENSIONS } from "../types.js";
import { DEFAULT_WIDTH, type ReportOptions } from "./options.js";
import { palette, type Palette } from "./palette.js";
import { DIMENSION_TITLE, RATING_TEXT, pairLabel, pairSections } from "./sections.js";
import { sectionLines } from "./terminal-findings.js";
import { clean, formatDate, formatDuration, plural, wrap } from "./text.js";
import { legend, matrixRows, notBlocking, pairHeading, probeNote, snapshotLines, upkeepAllClear, upkeepEntries } from "./verdict-text.js";

// cli-table3 would colour heads and borders itself; all colour goes through our palette instead.
const PLAIN_STYLE = { head: [] as string[], border: [] as string[] };
// No rule between rows: the tables stay short enough to read at a glance.
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

function ratingsTable(pair: PairAudit, p: Palette): string {
  const table = new Table({ head: ["Dimension", "Risk", "Confidence", "Findings"].map((h) => p.c.bold(h)), style: PLAIN_STYLE, chars: COMPACT });
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    table.push([DIMENSION_TITLE[d], p.rating(a.rating, RATING_TEXT[a.rating]), a.confidence, String(a.findings)]);
  }
  return table.toString();
}

/** Pairs × dimensions, with the gate per pair and in total; headings break so it fits 100 columns. */
function matrix(audit: Audit, p: Palette): string {
  const { head, rows } = matrixRows(audit);
  const table = new Table({ head: head.map((h) => p.c.bold(h.replace(" ", "\n"))), style: PLAIN_STYLE, chars: COMPACT });
  for (const row of rows) table.push([row.total ? p.c.bold(row.pair) : clean(row.pair), ...row.ratings.map((r) => p.rating(r, RATING_TEXT[r])), row.gate]);
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
    table.push([clean(run.id), clean(run.kind), status, formatDuration(run.durationMs), clean(probeNote(run))]);
  }
  return table.toString();
}

function pairLines(audit: Audit, pair: PairAudit, p: Palette, width: number): string[] {
  const lines = [ratingsTable(pair, p), ""];
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    lines.push(`${p.c.bold(DIMENSION_TITLE[d])} — ${p.rating(a.rating, RATING_TEXT[a.rating])} ${p.c.gray(`(confidence ${a.confidence})`)}`);
    lines.push(...wrap(clean(a.summary), width, "  "), "");
  }
  const key = legend({ ...audit, pairs: [pair] });
  if (key) lines.push(...wrap(key, width).map((l) => p.c.gray(l)), "");
  for (const { section, findings } of pairSections(pair)) lines.push(...sectionLines(section, findings, p, width));
  lines.push(p.c.bold("Probes"), probesTable(pair, p, width), "");
  return lines;
}

function upkeepLines(audit: Audit, p: Palette, width: number): string[] {
  const clear = upkeepAllClear(audit);
  const lines = [p.c.bold("Map upkeep")];
  if (clear) return [...lines, ...wrap(clear, width, "  ").map((l) => p.c.green(l)), ""];
  const mark: Record<string, string> = { stale: "?", unverified: "~", "not checked": "-", overdue: "!" };
  for (const item of upkeepEntries(audit)) {
    const at = item.line ? ` (${audit.map}:${item.line})` : "";
    lines.push(...wrap(`${mark[item.label]} ${item.label}: ${clean(item.entry)}${clean(at)} — ${clean(item.detail)}`, width, "  ", "    ").map((l) => p.c.yellow(l)));
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

/** The gate line and what does not block: the first thing every report says. */
export function gateLines(audit: Audit, p: Palette, width: number): string[] {
  const { verdict } = audit;
  const lines = wrap(verdict.summary, width, "", "  ").map((l) => p.gate(verdict.passed, verdict.exitCode, l));
  const quiet = notBlocking(audit);
  if (quiet.length) lines.push(...wrap(`Not blocking at --fail-on ${verdict.gate}: ${quiet.join(", ")}.`, width, "", "  ").map((l) => p.c.gray(l)));
  return lines;
}

/** The report a release manager reads in the terminal: the gate, ratings, narrative, findings, probes, upkeep. */
export function renderTerminal(audit: Audit, options: ReportOptions): string {
  const p = palette(options.color);
  const width = options.width ?? DEFAULT_WIDTH;
  const multi = audit.pairs.length > 1;
  const pairs = audit.pairs.map(pairLabel).join(", ");
  const lines = [
    ...gateLines(audit, p, width),
    ...wrap(`Parity audit · ${clean(audit.service)} · ${clean(pairs)} · ${formatDate(audit.generatedAt)}`, width, "", "  ").map((l) => p.c.bold(l)),
    ...wrap(`map ${clean(audit.map)} · parity ${clean(audit.parityVersion)} · ${plural(audit.pairs.length, "pair")}`, width).map((l) => p.c.gray(l)),
    ...snapshotLines(audit).flatMap((l) => wrap(clean(l), width, "", "  ").map((x) => p.c.yellow(x))),
    "",
  ];
  if (multi) lines.push(matrix(audit, p), "");
  for (const pair of audit.pairs) {
    if (multi) lines.push(p.c.inverse.bold(` ${clean(pairHeading(audit, pair.name))} `), "");
    lines.push(...pairLines(audit, pair, p, width));
  }
  lines.push(...upkeepLines(audit, p, width), ...sinceLastLines(audit, p, width));
  while (lines.at(-1) === "") lines.pop();
  return `${lines.join("\n")}\n`;
}
