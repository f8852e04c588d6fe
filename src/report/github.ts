import type { MapProblem } from "../errors.js";
import type { Audit } from "../types.js";
import { renderMarkdownWith } from "./markdown.js";
import { entriesById, groupFindings } from "./sections.js";
import { clean } from "./text.js";

/**
 * GitHub caps a step summary at 1 MiB; the CLI appends to a file other steps may share, so
 * we keep some room rather than aim for the last byte.
 */
export const SUMMARY_BUDGET = 1024 * 1024 - 24 * 1024;
/** GitHub shows at most 10 annotations of each level (error, warning, notice) per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The markdown report for `$GITHUB_STEP_SUMMARY`, shortened (never silently) until it fits. */
export function stepSummary(audit: Audit): string {
  for (const limit of [Infinity, 200, 50, 10, 0]) {
    const text = renderMarkdownWith(audit, { limit });
    if (bytes(text) <= SUMMARY_BUDGET) return text;
  }
  // Even with no finding listed it is too big (enormous narratives): cut at a line boundary.
  const note = "\n\n_… the summary was cut to fit GitHub's 1 MiB limit; see the full report (`--format json` or `--format html`)._\n";
  const text = renderMarkdownWith(audit, { limit: 0 });
  let cut = Buffer.from(text, "utf8").subarray(0, SUMMARY_BUDGET - bytes(note)).toString("utf8");
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf("\n")));
  return `${cut.replace(/\uFFFD$/, "")}${note}`;
}

/** Workflow-command escaping, as @actions/core does it: data and property values differ. */
function escapeData(text: string): string {
  return clean(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

interface Annotation {
  level: "error" | "warning";
  file: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

function format(a: Annotation): string {
  const props: string[] = [`file=${escapeProperty(a.file)}`];
  if (a.line !== undefined) props.push(`line=${a.line}`);
  if (a.col !== undefined) props.push(`col=${a.col}`);
  props.push(`title=${escapeProperty(a.title)}`);
  return `::${a.level} ${props.join(",")}::${escapeData(a.message)}`;
}

/** Keeps each level under GitHub's cap; what does not fit is summarised in one last annotation. */
function capped(list: Annotation[], level: "error" | "warning", mapFile: string): Annotation[] {
  const mine = list.filter((a) => a.level === level);
  if (mine.length <= ANNOTATIONS_PER_LEVEL) return mine;
  const shown = mine.slice(0, ANNOTATIONS_PER_LEVEL - 1);
  const rest = mine.slice(ANNOTATIONS_PER_LEVEL - 1);
  const titles = new Map<string, number>();
  for (const a of rest) titles.set(a.title, (titles.get(a.title) ?? 0) + 1);
  const what = [...titles].map(([title, n]) => `${n} × ${title.replace(/^parity: /, "")}`).join(", ");
  const message = `${rest.length} more ${level}s not shown (GitHub shows ${ANNOTATIONS_PER_LEVEL} per step): ${what}. See the step summary or the full report.`;
  return [...shown, { level, file: mapFile, title: `parity: ${rest.length} more ${level}s`, message }];
}

/**
 * `::error`/`::warning` workflow commands: map problems, stale entries and overdue reviews at
 * their line in the map, and one per undeclared difference (on the map file: that is where
 * the fix, a new entry, goes). `mapFile` is the map's path as GitHub sees it (relative to the
 * workspace); every map problem is placed in it, whatever path the loader displayed.
 */
export function annotations(audit: Audit, options: { mapFile: string; problems?: MapProblem[] }): string[] {
  const { mapFile } = options;
  const problems = options.problems ?? [];
  const list: Annotation[] = [];
  for (const p of problems) {
    list.push({ level: p.severity, file: mapFile, line: p.line || undefined, col: p.column || undefined, title: "parity: map problem", message: p.path ? `${p.path}: ${p.message}` : p.message });
  }
  const multi = audit.pairs.length > 1;
  for (const pair of audit.pairs) {
    for (const f of groupFindings(pair).undeclared) {
      const where = [f.probe, f.subject, f.aspect].filter(Boolean).join(" · ");
      const message = `${multi ? `[${pair.name}] ` : ""}${where}: ${f.message} (${f.severity}, ${f.dimension}). Fix it, or declare it in the map.`;
      list.push({ level: "error", file: mapFile, title: "parity: undeclared difference", message });
    }
  }
  const entries = entriesById(audit.pairs);
  for (const id of audit.upkeep.stale) {
    const e = entries.get(id);
    list.push({ level: "warning", file: mapFile, line: e?.line, title: "parity: stale map entry", message: `Map entry ${id} may be outdated: its probe ran and observed nothing matching. Remove or correct it.` });
  }
  // The map loader may already have reported an overdue review (at its reviewBy line): once is enough.
  const reported = (id: string) => problems.some((p) => /\.reviewBy$/.test(p.path) && p.message.includes(`"${id}"`));
  for (const id of audit.upkeep.overdue.filter((x) => !reported(x))) {
    const e = entries.get(id);
    const due = e?.reviewBy ? ` (review by ${e.reviewBy}${e.owner ? `, owner ${e.owner}` : ""})` : "";
    list.push({ level: "warning", file: mapFile, line: e?.line, title: "parity: review overdue", message: `Map entry ${id} is overdue for review${due}. Review it and move reviewBy forward.` });
  }
  return [...capped(list, "error", mapFile), ...capped(list, "warning", mapFile)].map(format);
}
