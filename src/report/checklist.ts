import type { Audit, Finding, ProbeErrorFinding } from "../types.js";
import { gateMarkdown, matrixTable, ratingsTable, snapshotMarkdown } from "./markdown.js";
import { code, md } from "./md-text.js";
import type { ReportOptions } from "./options.js";
import { dimensionWords, entryOf, pairLabel, riskText } from "./sections.js";
import { formatDate } from "./text.js";
import { BLOCK_TEXT, blockingBoxes, type BlockingBox, upkeepAllClear, upkeepEntries } from "./verdict-text.js";

const sentence = (text: string) => md(text.replace(/[.\s]+$/, ""));

/** One box to tick per blocking gap (merged across pairs by blockingBoxes); each says what to do. */
function boxLine(audit: Audit, box: BlockingBox, findings: Map<string, Finding>, isNew: (id: string) => boolean): string {
  const { item } = box;
  const where = audit.pairs.length > 1 && box.pairs.length ? ` [${box.pairs.map(md).join(", ")}]` : "";
  const first = findings.get(item.findings[0] ?? "");
  if (item.reason === "undeclared" && first) {
    const target = [first.probe, first.subject, first.aspect].filter(Boolean).map((t) => code(t)).join(" · ");
    const fresh = box.findings.some(isNew) ? " _(new since the last audit)_" : "";
    return `- [ ] **Undeclared**${fresh} (${first.risk ? riskText(first.risk) : "no risk"}, ${dimensionWords(first)})${where}: ${target} — ${sentence(first.message)}. ${BLOCK_TEXT.undeclared.fix}`;
  }
  const entry = first ? entryOf(first) : undefined;
  const id = code(item.entry ?? "");
  if (item.reason === "open-high-impact" && entry) {
    const owner = entry.owner ? `owner ${md(entry.owner)}` : "**no owner**";
    const mitigation = entry.mitigation ? `mitigation: ${md(entry.mitigation)}` : "**no mitigation yet**";
    const manual = first?.kind === "manual-entry" ? ", not verified by a probe" : "";
    const seen = box.findings.length > 1 ? ` (${box.findings.length} observations)` : "";
    return `- [ ] **Open, high impact**${where}: ${id} — ${md(entry.summary)}${seen}${manual}; ${owner}; ${mitigation}`;
  }
  const upkeep = [...audit.upkeep.stale, ...audit.upkeep.overdue].find((u) => u.entry === item.entry);
  const label = item.reason === "stale-entry" ? "Stale map entry" : "Overdue review";
  return `- [ ] **${label}**${where}: ${id} — ${md(upkeep?.detail ?? BLOCK_TEXT[item.reason].what)}. ${BLOCK_TEXT[item.reason].fix}`;
}

/** A probe that could not run leaves its dimension unverified: a box of its own, blocking or not. */
function probeErrorItem(audit: Audit, f: ProbeErrorFinding): string {
  const where = audit.pairs.length > 1 ? ` [${md(f.pair)}]` : "";
  const run = audit.pairs.find((p) => p.name === f.pair)?.probes.find((r) => r.id === f.probe);
  const unverified = f.unverified.length ? ` Entries not verified: ${f.unverified.map((e) => code(e)).join(", ")}.` : "";
  return `- [ ] **Probe could not run**${where}: ${code(f.probe)} — ${sentence(run?.error ?? f.message)}. Its evidence for ${dimensionWords(f)} is missing; fix it and audit again.${unverified}`;
}

/**
 * The "Environment parity" section of a release checklist: the gate first, the ratings, one box
 * to tick per blocking item and per probe that could not run, and the map's upkeep. The
 * all-clear box appears only when the gate passed and every probe ran.
 */
export function renderChecklist(audit: Audit, _options?: ReportOptions): string {
  const multi = audit.pairs.length > 1;
  const pairs = audit.pairs.map((p) => md(pairLabel(p))).join(", ");
  const lines = [`## Environment parity: ${md(audit.service)} (${pairs}, ${formatDate(audit.generatedAt)})`, "", ...gateMarkdown(audit), ...snapshotMarkdown(audit)];
  if (multi) lines.push(...matrixTable(audit));
  for (const pair of audit.pairs) {
    if (multi) lines.push(`**${md(pairLabel(pair))}**`, "");
    lines.push(...ratingsTable(pair), "");
  }

  const findings = new Map(audit.pairs.flatMap((p) => p.findings.map((f) => [f.id, f] as const)));
  // Only when there was a previous audit: on the first one everything would be "new".
  const fresh = new Set(audit.sinceLast?.previous ? audit.sinceLast.newFindings.map((n) => n.id) : []);
  lines.push("### Before release", "");
  for (const box of blockingBoxes(audit, findings)) lines.push(boxLine(audit, box, findings, (id) => fresh.has(id)));
  for (const f of findings.values()) if (f.kind === "probe-error") lines.push(probeErrorItem(audit, f));
  if (audit.verdict.exitCode === 0) lines.push(`- [x] The gate (${audit.verdict.gate}) passed and every probe ran.`);

  lines.push("", "### Map upkeep", "");
  const clear = upkeepAllClear(audit);
  if (clear) lines.push(`- ${clear}`);
  for (const item of upkeepEntries(audit)) lines.push(`- ${item.label.charAt(0).toUpperCase()}${item.label.slice(1)}: ${code(item.entry)} — ${md(item.detail)}.`);
  return `${lines.join("\n")}\n`;
}
