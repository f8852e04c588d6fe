import { html } from "../report/md-text.js";
import { RATINGS, type Rating } from "../types.js";
import type { RatingWeek, Review } from "./model.js";

const COLOUR: Record<Rating, string> = { high: "#c53030", medium: "#b7791f", low: "#2f855a", unknown: "#a0aec0" };
const W = 520;
const H = 170;
const PLOT = { left: 34, right: 8, top: 24, bottom: 28 };

function axis(weeks: string[], max: number, slot: number): string[] {
  const h = H - PLOT.top - PLOT.bottom;
  const out = [`<line x1="${PLOT.left}" y1="${PLOT.top + h}" x2="${W - PLOT.right}" y2="${PLOT.top + h}" stroke="#718096"/>`];
  for (const v of [0, Math.ceil(max / 2), max]) {
    const y = PLOT.top + h - (max ? (v / max) * h : 0);
    out.push(`<text x="${PLOT.left - 4}" y="${y + 4}" text-anchor="end" font-size="10" fill="#5a6474">${v}</text>`);
  }
  // A label every few weeks keeps thirteen weeks readable in 520 pixels.
  const every = Math.max(1, Math.ceil(weeks.length / 7));
  weeks.forEach((w, i) => {
    if (i % every === 0) out.push(`<text x="${PLOT.left + i * slot + slot / 2}" y="${H - 10}" text-anchor="middle" font-size="10" fill="#5a6474">${w.slice(5)}</text>`);
  });
  return out;
}

function frame(title: string, label: string, body: string[]): string {
  return `<svg class="review-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${html(label)}"><title>${html(label)}</title><text x="${PLOT.left}" y="14" font-size="12" font-weight="600" fill="#1a202c">${html(title)}</text>${body.join("")}</svg>`;
}

/** One dimension: per week, the services rated high, medium, low and unknown, stacked. */
export function ratingChart(title: string, weeks: RatingWeek[]): string {
  const max = Math.max(1, ...weeks.map((w) => RATINGS.reduce((n, r) => n + w.counts[r], 0)));
  const slot = (W - PLOT.left - PLOT.right) / Math.max(1, weeks.length);
  const h = H - PLOT.top - PLOT.bottom;
  const body: string[] = [];
  weeks.forEach((w, i) => {
    let y = PLOT.top + h;
    for (const r of ["unknown", "low", "medium", "high"] as const) {
      const n = w.counts[r];
      if (!n) continue;
      const bar = (n / max) * h;
      y -= bar;
      body.push(`<rect x="${(PLOT.left + i * slot + slot * 0.15).toFixed(1)}" y="${y.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${bar.toFixed(1)}" fill="${COLOUR[r]}"><title>${w.week}: ${n} ${r === "unknown" ? "risk unknown" : `${r} risk`}</title></rect>`);
    }
  });
  const last = weeks.at(-1);
  const label = `${title}: services by risk per week${last ? `; week of ${last.week}: ${RATINGS.map((r) => `${last.counts[r]} ${r}`).join(", ")}` : ""}`;
  return frame(title, label, [...axis(weeks.map((w) => w.week), max, slot), ...body]);
}

/** Open gaps at each week's end (a line), and the gaps opened and closed in the week (bars). */
export function gapsChart(weekly: Review["gaps"]["weekly"]): string {
  const max = Math.max(1, ...weekly.map((w) => Math.max(w.open, w.opened, w.closed)));
  const slot = (W - PLOT.left - PLOT.right) / Math.max(1, weekly.length);
  const h = H - PLOT.top - PLOT.bottom;
  const y = (v: number) => PLOT.top + h - (v / max) * h;
  const body: string[] = [];
  weekly.forEach((w, i) => {
    const x = PLOT.left + i * slot;
    if (w.opened) body.push(`<rect x="${(x + slot * 0.15).toFixed(1)}" y="${y(w.opened).toFixed(1)}" width="${(slot * 0.33).toFixed(1)}" height="${(PLOT.top + h - y(w.opened)).toFixed(1)}" fill="#c53030"><title>${w.week}: ${w.opened} opened</title></rect>`);
    if (w.closed) body.push(`<rect x="${(x + slot * 0.52).toFixed(1)}" y="${y(w.closed).toFixed(1)}" width="${(slot * 0.33).toFixed(1)}" height="${(PLOT.top + h - y(w.closed)).toFixed(1)}" fill="#2f855a"><title>${w.week}: ${w.closed} closed</title></rect>`);
  });
  const points = weekly.map((w, i) => `${(PLOT.left + i * slot + slot / 2).toFixed(1)},${y(w.open).toFixed(1)}`).join(" ");
  if (weekly.length) body.push(`<polyline points="${points}" fill="none" stroke="#2b6cb0" stroke-width="2"><title>open gaps per week</title></polyline>`);
  const last = weekly.at(-1);
  const label = `Gaps: open at each week's end (line), opened (red) and closed (green) per week${last ? `; week of ${last.week}: ${last.open} open` : ""}`;
  return frame("Gaps open, opened and closed", label, [...axis(weekly.map((w) => w.week), max, slot), ...body]);
}
