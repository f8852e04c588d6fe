import type { Finding, PairAudit } from "../types.js";
import { isLatencyStats } from "./latency-stats.js";
import { latencyChart } from "./latency-chart.js";
import { html } from "./md-text.js";
import { SECTION_TEXT, entryState, type Section } from "./sections.js";
import { formatValue } from "./text.js";

const c = (text: string) => `<code>${html(text)}</code>`;

function entryCell(f: Finding): string {
  if (!f.entry) return "";
  const mitigation = f.entry.mitigation ? `<br>mitigation: ${html(f.entry.mitigation)}` : "";
  return `<div class="entry">${c(f.entry.id)}: ${html(entryState(f.entry))}${mitigation}</div>`;
}

function row(section: Section, f: Finding): string {
  const sev = `<span class="sev ${f.severity}">${f.severity}</span>`;
  if (section === "manual" || section === "stale") {
    const text = section === "manual" && f.entry ? f.entry.summary : f.message;
    const match = section === "stale" ? `<br><span class="entry">match: ${[f.probe, f.subject, f.aspect].map(c).join(" · ")}</span>` : "";
    return `<tr><td>${sev}</td><td>${c(f.difference ?? f.subject)}</td><td>${html(f.dimension)}</td><td>${html(text)}${match}${entryCell(f)}</td></tr>`;
  }
  if (section === "error") return `<tr><td>${sev}</td><td>${c(f.probe || f.subject)}</td><td>${html(f.dimension)}</td><td>${html(f.message)}</td></tr>`;
  const where = `${c(f.probe)}<br>${html(f.subject)} <span class="aspect">${html(f.aspect)}</span>`;
  const values = [formatValue(f.staging, 200), formatValue(f.production, 200)].map((v) => `<td class="val">${html(v)}</td>`);
  return `<tr><td>${sev}</td><td>${where}</td><td>${html(f.dimension)}</td>${values.join("")}<td>${html(f.message)}${entryCell(f)}</td></tr>`;
}

const HEADS: Record<"evidence" | "entry" | "error", string[]> = {
  evidence: ["Severity", "Probe · subject · aspect", "Dimension", "Staging", "Production", "Message"],
  entry: ["Impact", "Entry", "Dimension", "Detail"],
  error: ["Severity", "Probe", "Dimension", "Reason"],
};

/** One section of findings as a table; every finding is shown (this report has no budget). */
export function sectionHtml(section: Section, findings: Finding[]): string {
  if (findings.length === 0) return "";
  const text = SECTION_TEXT[section];
  const head = section === "manual" || section === "stale" ? HEADS.entry : section === "error" ? HEADS.error : HEADS.evidence;
  return [
    `<section class="${section}">`,
    `<h3>${html(text.title)} (${findings.length})</h3>`,
    `<p class="explain">${html(text.explain)}${text.fix ? ` ${html(text.fix).replace(/`([^`]+)`/g, "<code>$1</code>")}` : ""}</p>`,
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>`,
    ...findings.map((f) => row(section, f)),
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
      if (f.probe !== run.id || seen.has(f.subject) || !isLatencyStats(f.staging) || !isLatencyStats(f.production)) continue;
      seen.add(f.subject);
      const title = `${run.id} · ${f.subject}`;
      out.push(`<div class="chart"><h4>${c(run.id)} ${html(f.subject)}</h4>`, latencyChart(title, f.staging, f.production), "</div>");
    }
    if (seen.size === 0) out.push(`<p class="explain">${c(run.id)}: no latency distribution was recorded (${html(run.status)}).</p>`);
  }
  return out.join("\n");
}
