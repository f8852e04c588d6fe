import type { Audit, EntrySummary, Finding, PairAudit } from "../types.js";
import type { ReportOptions } from "./options.js";
import { ratingsTable } from "./markdown.js";
import { code, md } from "./md-text.js";
import { entriesById, groupFindings, pairLabel } from "./sections.js";
import { formatDate } from "./text.js";

function undeclaredItem(f: Finding, where: string, isNew: boolean): string {
  const target = [f.probe, f.subject, f.aspect].filter(Boolean).map((t) => code(t)).join(" · ");
  return `- [ ] **Undeclared**${isNew ? " _(new since the last audit)_" : ""} (${f.severity}, ${f.dimension})${where}: ${target} — ${md(f.message.replace(/[.\s]+$/, ""))}. Fix it, or declare it in the map.`;
}

/** One item per open high-impact entry, however many observations it explains. */
function openHighItems(findings: Finding[], where: string): string[] {
  const byEntry = new Map<string, { entry: EntrySummary; count: number }>();
  for (const f of findings) {
    if (!f.entry) continue;
    const seen = byEntry.get(f.entry.id);
    if (seen) seen.count += 1;
    else byEntry.set(f.entry.id, { entry: f.entry, count: 1 });
  }
  return [...byEntry.values()].map(({ entry, count }) => {
    const owner = entry.owner ? `owner ${md(entry.owner)}` : "**no owner**";
    const mitigation = entry.mitigation ? `mitigation: ${md(entry.mitigation)}` : "**no mitigation yet**";
    const seen = count > 1 ? ` (${count} observations)` : "";
    return `- [ ] **Open, high impact**${where}: ${code(entry.id)} — ${md(entry.summary)}${seen}; ${owner}; ${mitigation}`;
  });
}

function pairItems(audit: Audit, pair: PairAudit, multi: boolean): string[] {
  const groups = groupFindings(pair);
  const where = multi ? ` [${md(pair.name)}]` : "";
  // Only when there was a previous audit: on the first one everything would be "new".
  const fresh = audit.sinceLast?.previous ? audit.sinceLast.newFindings.filter((n) => n.pair === pair.name) : [];
  const isNew = (f: Finding) => fresh.some((n) => n.probe === f.probe && n.subject === f.subject && n.aspect === f.aspect);
  return [...groups.undeclared.map((f) => undeclaredItem(f, where, isNew(f))), ...openHighItems(groups["open-high"], where)];
}

/**
 * The "Environment parity" section of a release checklist: ratings, one box to tick per
 * undeclared or open high-impact difference, and the map's upkeep.
 */
export function renderChecklist(audit: Audit, _options?: ReportOptions): string {
  const multi = audit.pairs.length > 1;
  const pairs = audit.pairs.map((p) => md(pairLabel(p))).join(", ");
  const lines = [`## Environment parity: ${md(audit.service)} (${pairs}, ${formatDate(audit.generatedAt)})`, ""];
  for (const pair of audit.pairs) {
    if (multi) lines.push(`**${md(pairLabel(pair))}**`, "");
    lines.push(...ratingsTable(pair), "");
  }
  const items = audit.pairs.flatMap((p) => pairItems(audit, p, multi));
  const errors = audit.pairs.flatMap((p) => p.probes.filter((r) => r.status === "error").map((r) => ({ pair: p, run: r })));
  lines.push("### Before release", "");
  if (items.length === 0) lines.push("- [x] No undeclared or open high-impact differences.");
  lines.push(...items);
  for (const { pair, run } of errors) {
    const where = multi ? ` [${md(pair.name)}]` : "";
    lines.push(`- [ ] **Probe could not run**${where}: ${code(run.id)} — ${md((run.error ?? "no reason given").replace(/[.\s]+$/, ""))}. Its evidence is missing.`);
  }
  lines.push("", "### Map upkeep", "");
  const { stale, overdue } = audit.upkeep;
  if (stale.length === 0 && overdue.length === 0) lines.push("- Every entry matched something and none is overdue for review.");
  const entries = entriesById(audit.pairs);
  for (const id of stale) lines.push(`- Stale: ${code(id)} — its probe observed nothing matching; remove or correct it.`);
  for (const id of overdue) {
    const e = entries.get(id);
    const detail = [e?.reviewBy ? `review was due ${e.reviewBy}` : "review overdue", e?.owner ? `owner ${e.owner}` : ""].filter(Boolean).join(", ");
    lines.push(`- Overdue review: ${code(id)} — ${md(detail)}.`);
  }
  return `${lines.join("\n")}\n`;
}
