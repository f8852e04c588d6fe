import type { LatencyStats } from "./latency-stats.js";
import { formatMs } from "./latency-stats.js";
import { html } from "./md-text.js";

const PANEL_W = 340;
const PANEL_H = 236;
const GAP = 24;
const PLOT = { left: 40, right: 10, top: 54, bottom: 40 };
const COLOURS = { staging: "#2b6cb0", production: "#c05621" };

/** Union of both sides' bucket bounds, trimmed of empty buckets at either end so bars stay wide. */
function buckets(a: LatencyStats, b: LatencyStats): number[] {
  const bounds = [...new Set([...a.histogram, ...b.histogram].map(([ub]) => ub))].sort((x, y) => x - y);
  const filled = (ub: number) => [a, b].some((s) => s.histogram.some(([u, c]) => u === ub && c > 0));
  let first = bounds.findIndex(filled);
  let last = bounds.length - 1 - [...bounds].reverse().findIndex(filled);
  if (first < 0) return bounds;
  // One empty bucket either side shows where the distribution starts and stops.
  first = Math.max(0, first - 1);
  last = Math.min(bounds.length - 1, last + 1);
  return bounds.slice(first, last + 1);
}

/** Bucket bounds are 3-significant-figure log steps (1.26, 15.8 …): labels keep them short. */
function boundLabel(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toPrecision(2))}s`;
  return String(Number(ms.toPrecision(ms < 10 ? 2 : 3)));
}

function share(stats: LatencyStats, ub: number): number {
  const total = stats.histogram.reduce((sum, [, c]) => sum + c, 0);
  const count = stats.histogram.find(([u]) => u === ub)?.[1] ?? 0;
  return total > 0 ? count / total : 0;
}

/** Where a latency falls on the bucket axis: linear inside its bucket, so markers sit between bars. */
function xOf(ms: number, bounds: number[], slot: number): number {
  const i = bounds.findIndex((ub) => ms <= ub);
  if (i < 0) return bounds.length * slot;
  const lower = i === 0 ? 0 : bounds[i - 1];
  const frac = bounds[i] === lower ? 1 : Math.min(1, Math.max(0, (ms - lower) / (bounds[i] - lower)));
  return (i + frac) * slot;
}

function panel(side: "staging" | "production", s: LatencyStats, bounds: number[], maxShare: number, x0: number): string[] {
  const w = PANEL_W - PLOT.left - PLOT.right;
  const h = PANEL_H - PLOT.top - PLOT.bottom;
  const slot = w / Math.max(1, bounds.length);
  const ox = x0 + PLOT.left;
  const oy = PLOT.top + h;
  const out = [
    `<g class="panel ${side}">`,
    `<text x="${x0 + PLOT.left}" y="14" class="panel-title" font-size="13" font-weight="600" fill="#1a202c">${side}</text>`,
    `<text x="${x0 + PLOT.left}" y="29" class="panel-sub" font-size="11" fill="#5a6474">${html(`p50 ${formatMs(s.p50Ms)} · p95 ${formatMs(s.p95Ms)} · p99 ${formatMs(s.p99Ms)} ms · n=${s.samples}`)}</text>`,
    `<line x1="${ox}" y1="${oy}" x2="${ox + w}" y2="${oy}" class="axis" stroke="#4a5568" stroke-width="1"/>`,
    `<line x1="${ox}" y1="${PLOT.top}" x2="${ox}" y2="${oy}" class="axis" stroke="#4a5568" stroke-width="1"/>`,
    `<text x="${ox - 4}" y="${PLOT.top + 4}" class="tick" font-size="10" fill="#5a6474" text-anchor="end">${Math.round(maxShare * 100)}%</text>`,
    `<text x="${ox - 4}" y="${oy}" class="tick" font-size="10" fill="#5a6474" text-anchor="end">0</text>`,
  ];
  // Ten buckets a decade would print labels on top of each other: label every step-th one.
  const step = Math.max(1, Math.ceil(30 / slot));
  bounds.forEach((ub, i) => {
    const v = share(s, ub);
    const bh = maxShare > 0 ? (v / maxShare) * h : 0;
    const bx = ox + i * slot + slot * 0.12;
    const count = s.histogram.find(([u]) => u === ub)?.[1] ?? 0;
    out.push(
      `<rect x="${bx.toFixed(1)}" y="${(oy - bh).toFixed(1)}" width="${(slot * 0.76).toFixed(1)}" height="${bh.toFixed(1)}" fill="${COLOURS[side]}"><title>${html(`${side}: ≤ ${ub} ms: ${count} samples (${(v * 100).toFixed(1)}%)`)}</title></rect>`,
    );
    if (i % step === 0) {
      out.push(`<text x="${(ox + (i + 1) * slot).toFixed(1)}" y="${oy + 12}" class="tick" font-size="10" fill="#5a6474" text-anchor="middle">${boundLabel(ub)}</text>`);
    }
  });
  // Labels on two rows: p50 and p95 are often a bucket apart and would overprint each other.
  for (const [label, ms, dy] of [["p50", s.p50Ms, 2], ["p95", s.p95Ms, 12]] as const) {
    const x = (ox + xOf(ms, bounds, slot)).toFixed(1);
    out.push(`<line x1="${x}" y1="${PLOT.top - dy}" x2="${x}" y2="${oy}" class="marker" stroke="#1a202c" stroke-dasharray="3 3"/>`, `<text x="${x}" y="${PLOT.top - dy - 2}" class="marker-label" font-size="10" fill="#1a202c" text-anchor="middle">${label}</text>`);
  }
  out.push(`<text x="${ox + w / 2}" y="${oy + 28}" class="axis-label" font-size="10" fill="#5a6474" text-anchor="middle">latency bucket upper bound (ms)</text>`, "</g>");
  return out;
}

/**
 * Both environments' latency distributions side by side, on the same buckets and the same
 * share scale (sample counts differ between sides, so bars show shares, not counts).
 * Inline SVG, no script: the HTML report must not fetch or run anything.
 */
export function latencyChart(title: string, staging: LatencyStats, production: LatencyStats): string {
  const bounds = buckets(staging, production);
  const maxShare = Math.max(0.01, ...bounds.flatMap((ub) => [share(staging, ub), share(production, ub)]));
  const width = PANEL_W * 2 + GAP;
  const desc = `staging p95 ${formatMs(staging.p95Ms)} ms, production p95 ${formatMs(production.p95Ms)} ms`;
  return [
    // Presentation attributes rather than CSS classes alone, so the chart also reads when copied out of the page.
    `<svg class="latency-chart" role="img" font-family="system-ui, sans-serif" viewBox="0 0 ${width} ${PANEL_H}" width="${width}" height="${PANEL_H}">`,
    `<title>${html(`Latency distribution: ${title}`)}</title>`,
    `<desc>${html(desc)}</desc>`,
    ...panel("staging", staging, bounds, maxShare, 0),
    ...panel("production", production, bounds, maxShare, PANEL_W + GAP),
    "</svg>",
  ].join("\n");
}
