import type { Finding, PairAudit, Section } from "../types.js";
import { isLatencyStats } from "./latency-stats.js";
import { latencyChart } from "./latency-chart.js";
import { html } from "./md-text.js";
import { SECTION_TEXT, dimensionWords, entryOf, entryState, riskText } from "./sections.js";
import { formatValue } from "./text.js";

const c = (text: string) => `<code>${html(text)}</code>`;

function entryCell(f: Finding): string {
  const entry = entryOf(f);
  if (!entry || (f.kind === "gap" && !f.declared)) return "";
  const mitigation = entry.mitigation ? `<br>mitigation: ${html(entry.mitigation)}` : "";
  const unverified = f.kind === "measurement" && f.inconclusive ? " · not verified this time" : "";
  return `<div class="entry">${c(entry.id)}: ${html(entryState(entry))}${unverified}${mitigation}</div>`;
}

function riskCell(f: Finding): string {
  if (f.risk) return `<td><span class="risk ${f.risk}">${riskText(f.risk)}</span></td>`;
  return `<td><span class="risk none">${f.kind === "measurement" && f.inconclusive ? "inconclusive" : "—"}</span></td>`;
}

/** `wide`: the row sits in a table with staging and production columns. */
function row(f: Finding, wide: boolean): string {
  if (f.kind === "manual-entry" || f.kind === "stale-entry") {
    const text = f.kind === "manual-entry" ? f.entry.summary : f.message;
    const match = f.kind === "stale-entry" ? `<br><span class="entry">match: ${[f.probe, f.subject, f.aspect].map(c).join(" · ")}</span>` : "";
    const values = wide ? '<td class="val">—</td><td class="val">—</td>' : "";
    return `<tr>${riskCell(f)}<td>${c(f.entry.id)}</td><td>${html(dimensionWords(f))}</td>${values}<td>${html(text)}${match}${entryCell(f)}</td></tr>`;
  }
  if (f.kind === "probe-error") return `<tr>${riskCell(f)}<td>${c(f.probe)}</td><td>${html(dimensionWords(f))}</td><td>${html(f.message)}</td></tr>`;
  const where = `${c(f.probe)}<br>${html(f.subject)} <span class="aspect">${html(f.aspect)}</span>`;
  const values = [formatValue(f.evidence?.staging ?? null, 200), formatValue(f.evidence?.production ?? null, 200)].map((v) => `<td class="val">${html(v)}</td>`);
  return `<tr>${riskCell(f)}<td>${where}</td><td>${html(dimensionWords(f))}</td>${values.join("")}<td>${html(f.message)}${entryCell(f)}</td></tr>`;
}

const HEADS = {
  evidence: ["Risk", "Probe · subject · aspect", "Dimension", "Staging", "Production", "Message"],
  entry: ["Risk", "Entry", "Dimension", "Detail"],
  error: ["Risk", "Probe", "Dimension", "Reason"],
};

function headFor(section: Section): string[] {
  if (section === "manual" || section === "stale") return HEADS.entry;
  if (section === "probe-error") return HEADS.error;
  return HEADS.evidence;
}

/** One section of findings as a table; every finding is shown (this report has no budget). */
export function sectionHtml(section: Section, findings: Finding[]): string {
  if (findings.length === 0) return "";
  const text = SECTION_TEXT[section];
  const head = headFor(section);
  const rows = findings.map((f) => row(f, head === HEADS.evidence));
  return [
    `<section class="${section}">`,
    `<h3>${html(text.title)} (${findings.length})</h3>`,
    `<p class="explain">${html(text.explain)}${text.fix ? ` ${html(text.fix).replace(/`([^`]+)`/g, "<code>$1</code>")}` : ""}</p>`,
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>`,
    ...rows,
    "</tbody></table>",
    "</section>",
  ].join("\n");
}

/** One chart per latency probe and subject: the first finding that carries both sides' histograms. */
export function latencyCharts(pair: PairAudit): string {
  const latencyProbes = pair.probes.filter((r) => r.kind === "latency");
  if (latencyProbes.length === 0) return "";
  const out = ["<h3>Latency distributions</h3>"];
  for (const run of latencyProbes) {
    const seen = new Set<string>();
    for (const f of pair.findings) {
      const s = f.evidence?.staging;
      const p = f.evidence?.production;
      if (f.probe !== run.id || seen.has(f.subject) || !isLatencyStats(s) || !isLatencyStats(p)) continue;
      seen.add(f.subject);
      const title = `${run.id} · ${f.subject}`;
      out.push(`<div class="chart"><h4>${c(run.id)} ${html(f.subject)}</h4>`, latencyChart(title, s, p), "</div>");
    }
    if (seen.size === 0) out.push(`<p class="explain">${c(run.id)}: no latency distribution was recorded (${html(run.status)}).</p>`);
  }
  return out.join("\n");
}
