import type { MapProblem } from "../errors.js";
import type { Audit, BlockingItem, Finding } from "../types.js";
import { renderMarkdownWith } from "./markdown.js";
import { dimensionWords, riskText } from "./sections.js";
import { clean } from "./text.js";
import { BLOCK_TEXT } from "./verdict-text.js";

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

/** Keeps each level under GitHub's cap, in the order given; what does not fit is summarised in one last annotation. */
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

function blockingAnnotation(audit: Audit, item: BlockingItem, findings: Map<string, Finding>, mapFile: string): Annotation {
  const multi = audit.pairs.length > 1;
  const where = multi ? `[${item.pairs.join(", ")}] ` : "";
  const words = BLOCK_TEXT[item.reason];
  const f = findings.get(item.findings[0] ?? "");
  if (item.reason === "undeclared" && f) {
    const target = [f.probe, f.subject, f.aspect].filter(Boolean).join(" · ");
    return { level: "error", file: mapFile, title: `parity: ${words.what}`, message: `${where}${target}: ${f.message} (${f.risk ? riskText(f.risk) : "no risk"}, ${dimensionWords(f)}). ${words.fix}` };
  }
  const entry = f && "entry" in f ? f.entry : undefined;
  const upkeep = [...audit.upkeep.stale, ...audit.upkeep.overdue].find((u) => u.entry === item.entry);
  const detail = item.reason === "open-high-impact" ? (entry?.summary ?? "") : (upkeep?.detail ?? "");
  return { level: "error", file: mapFile, line: entry?.line ?? upkeep?.line, title: `parity: ${words.what}`, message: `${where}Map entry ${item.entry}: ${detail}. ${words.fix}` };
}

/**
 * `::error`/`::warning` workflow commands. Errors, in this order so GitHub's ten slots go to
 * what failed the step: the verdict itself (whenever the exit code is not 0), map errors, each
 * blocking item, each probe that could not run. Then warnings: map warnings, stale entries and
 * overdue reviews that do not block, unverified entries, unreadable inputs. Annotations sit on
 * the map file (that is where the fix goes), at the entry's line when there is one. `mapFile`
 * is the map's path as GitHub sees it (relative to the workspace).
 */
export function annotations(audit: Audit | undefined, options: { mapFile: string; problems?: MapProblem[] }): string[] {
  const { mapFile } = options;
  const problems = options.problems ?? [];
  const list: Annotation[] = [];
  const problem = (p: MapProblem): Annotation => ({ level: p.severity, file: mapFile, line: p.line || undefined, col: p.column || undefined, title: "parity: map problem", message: p.path ? `${p.path}: ${p.message}` : p.message });
  // A map that failed to load: its problems are all there is to say.
  if (!audit) return [...capped(problems.map(problem), "error", mapFile), ...capped(problems.map(problem), "warning", mapFile)].map(format);
  const { verdict } = audit;
  if (audit.pairs.length && verdict.exitCode !== 0) list.push({ level: "error", file: mapFile, title: `parity: gate ${verdict.passed ? "passed, but a probe could not run" : "failed"}`, message: verdict.summary });
  list.push(...problems.filter((p) => p.severity === "error").map(problem));
  const findings = new Map(audit.pairs.flatMap((p) => p.findings.map((f) => [f.id, f] as const)));
  for (const item of verdict.blocking) list.push(blockingAnnotation(audit, item, findings, mapFile));
  for (const f of findings.values()) {
    if (f.kind === "probe-error") list.push({ level: "error", file: mapFile, title: "parity: probe could not run", message: `${audit.pairs.length > 1 ? `[${f.pair}] ` : ""}${f.message}` });
  }

  list.push(...problems.filter((p) => p.severity === "warning").map(problem));
  const blockingIds = new Set(verdict.blocking.flatMap((b) => b.findings));
  for (const f of findings.values()) {
    if (f.kind !== "gap" || f.declared || blockingIds.has(f.id)) continue;
    const target = [f.probe, f.subject, f.aspect].filter(Boolean).join(" · ");
    list.push({ level: "warning", file: mapFile, title: "parity: undeclared difference (not blocking)", message: `${audit.pairs.length > 1 ? `[${f.pair}] ` : ""}${target}: ${f.message} (${f.risk ? riskText(f.risk) : "no risk"}; does not block at --fail-on ${verdict.gate}).` });
  }
  const blockingEntries = new Set(verdict.blocking.map((b) => `${b.reason}/${b.entry}`));
  // The map loader may already have reported an overdue review (at its reviewBy line): once is enough.
  const reported = (id: string) => problems.some((p) => /\.reviewBy$/.test(p.path) && p.message.includes(`"${id}"`));
  for (const s of audit.upkeep.stale.filter((i) => !blockingEntries.has(`stale-entry/${i.entry}`))) {
    list.push({ level: "warning", file: mapFile, line: s.line, title: "parity: stale map entry", message: `Map entry ${s.entry} may be outdated: ${s.detail}.` });
  }
  for (const o of audit.upkeep.overdue.filter((i) => !blockingEntries.has(`overdue-review/${i.entry}`) && !reported(i.entry))) {
    list.push({ level: "warning", file: mapFile, line: o.line, title: "parity: review overdue", message: `Map entry ${o.entry} is overdue for review (${o.detail}). Review it and move reviewBy forward.` });
  }
  for (const u of audit.upkeep.unverified) list.push({ level: "warning", file: mapFile, line: u.line, title: "parity: entry not verified", message: `Map entry ${u.entry} was ${u.detail}.` });
  for (const f of findings.values()) if (f.kind === "unreadable") list.push({ level: "warning", file: mapFile, title: "parity: unreadable input", message: f.message });
  return [...capped(list, "error", mapFile), ...capped(list, "warning", mapFile)].map(format);
}
