import type { Audit, PairAudit } from "../types.js";
import { DIMENSIONS } from "../types.js";
import { HTML_STYLE } from "./html-style.js";
import { latencyCharts, sectionHtml } from "./html-findings.js";
import { html } from "./md-text.js";
import type { ReportOptions } from "./options.js";
import { DIMENSION_TITLE, RATING_TEXT, pairLabel, pairSections } from "./sections.js";
import { formatDate, formatDuration } from "./text.js";
import { legend, matrixRows, notBlocking, pairHeading, probeNote, snapshotLines, upkeepAllClear, upkeepEntries } from "./verdict-text.js";

// Belt and braces: even if some value slipped through as markup, the browser may not fetch anything.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function gateHtml(audit: Audit): string[] {
  const { verdict } = audit;
  const tone = !verdict.passed ? " failed" : verdict.exitCode !== 0 ? " incomplete" : "";
  const quiet = notBlocking(audit);
  return [
    `<p class="verdict${tone}">${html(verdict.summary)}</p>`,
    ...(quiet.length ? [`<p class="quiet">Not blocking at <code>--fail-on ${html(verdict.gate)}</code>: ${html(quiet.join(", "))}.</p>`] : []),
  ];
}

function matrixHtml(audit: Audit): string[] {
  if (audit.pairs.length < 2) return [];
  const { head, rows } = matrixRows(audit);
  return [
    `<table class="matrix"><thead><tr>${head.map((h) => `<th>${html(h)}</th>`).join("")}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr><td>${r.total ? `<strong>${html(r.pair)}</strong>` : html(r.pair)}</td>${r.ratings.map((x) => `<td><span class="risk ${x === "unknown" ? "none" : x}">${RATING_TEXT[x]}</span></td>`).join("")}<td>${html(r.gate)}</td></tr>`),
    "</tbody></table>",
  ];
}

function pairHtml(audit: Audit, pair: PairAudit, multi: boolean): string[] {
  const out: string[] = [];
  if (multi) out.push(`<h2>${html(pairHeading(audit, pair.name))}</h2>`);
  out.push('<div class="ratings">');
  for (const d of DIMENSIONS) {
    const a = pair.dimensions[d];
    out.push(
      `<div class="rating ${a.rating}"><div class="name">${DIMENSION_TITLE[d]}</div>`,
      `<div class="value">${RATING_TEXT[a.rating]}</div><div class="meta">confidence ${a.confidence}</div>`,
      `<p class="summary">${html(a.summary)}</p></div>`,
    );
  }
  out.push("</div>", multi ? "<h3>Findings</h3>" : "<h2>Findings</h2>");
  const key = legend({ ...audit, pairs: [pair] });
  if (key) out.push(`<p class="legend">${html(key)}</p>`);
  for (const { section, findings } of pairSections(pair)) out.push(sectionHtml(section, findings));
  out.push(latencyCharts(pair));
  out.push(multi ? "<h3>Probes</h3>" : "<h2>Probes</h2>", "<table><thead><tr><th>Probe</th><th>Kind</th><th>Status</th><th>Duration</th><th>Note</th></tr></thead><tbody>");
  for (const r of pair.probes) {
    const note = html(probeNote(r));
    out.push(`<tr><td><code>${html(r.id)}</code></td><td>${html(r.kind)}</td><td class="status-${r.status}">${r.status}</td><td>${formatDuration(r.durationMs)}</td><td>${note}</td></tr>`);
  }
  out.push("</tbody></table>");
  return out.filter(Boolean);
}

function upkeepHtml(audit: Audit): string[] {
  const out = ["<h2>Map upkeep</h2>"];
  const clear = upkeepAllClear(audit);
  if (clear) return [...out, `<p>${html(clear)}</p>`];
  out.push("<ul>");
  for (const item of upkeepEntries(audit)) {
    const at = item.line ? ` (${html(audit.map)}:${item.line})` : "";
    out.push(`<li><strong>${html(item.label)}:</strong> <code>${html(item.entry)}</code>${at}: ${html(item.detail)}</li>`);
  }
  return [...out, "</ul>"];
}

function sinceLastHtml(audit: Audit): string[] {
  const since = audit.sinceLast;
  if (!since) return [];
  if (since.previous === null) return ["<h2>Since last audit</h2>", "<p>This is the first saved audit.</p>"];
  const item = (kind: string, x: { pair: string; probe: string; subject: string; aspect: string }) =>
    `<li>${kind}: ${audit.pairs.length > 1 ? `${html(x.pair)}: ` : ""}${[x.probe, x.subject, x.aspect].filter(Boolean).map((t) => `<code>${html(t)}</code>`).join(" · ")}</li>`;
  return [
    "<h2>Since last audit</h2>",
    `<p>Compared with the audit of ${formatDate(since.previous)}: ${since.newFindings.length} new, ${since.resolved.length} resolved.</p>`,
    "<ul>",
    ...since.newFindings.map((x) => item("new", x)),
    ...since.resolved.map((x) => item("resolved", x)),
    "</ul>",
  ];
}

/** One self-contained page (inline CSS and SVG, no script, no external reference) for people who would rather look. */
export function renderHtml(audit: Audit, _options?: ReportOptions): string {
  const multi = audit.pairs.length > 1;
  const title = `Parity audit: ${audit.service}`;
  const sources = snapshotLines(audit);
  const body = [
    `<h1>${html(title)}</h1>`,
    ...gateHtml(audit),
    `<p class="meta">${html(audit.pairs.map(pairLabel).join(", "))} · ${formatDate(audit.generatedAt)} · map <code>${html(audit.map)}</code> · parity ${html(audit.parityVersion)}</p>`,
    ...sources.map((s) => `<p class="sources">${html(s)}</p>`),
    ...matrixHtml(audit),
    ...audit.pairs.flatMap((p) => pairHtml(audit, p, multi)),
    ...upkeepHtml(audit),
    ...sinceLastHtml(audit),
    `<footer>Generated by parity ${html(audit.parityVersion)}. This file makes no network requests.</footer>`,
  ];
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${html(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    "</head>",
    "<body>",
    ...body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
