/** Words and numbers the evidence probes' messages share, so they read the same everywhere. */

// "3 deploys": the engine's own, so probe messages and the verdict count alike.
export { plural } from "../../src/assess/words.js";

/** 0.0789… → "7.9%"; whole numbers drop the decimal ("20%"). */
export function percent(part: number, whole: number): string {
  if (whole === 0) return "0%";
  const value = Math.round((part / whole) * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** A duration for people: "45 s", "6 min", "7.5 min", "2.4 h". */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = seconds / 60;
  if (minutes < 120) return `${trim(minutes)} min`;
  return `${trim(minutes / 60)} h`;
}

/** 7.46 → "7.5×", 12.3 → "12×". */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? Math.round(ratio) : trim(ratio)}×`;
}

function trim(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The first line of a free-text message, shortened for a one-line report. */
export function firstLine(text: string, max = 160): string {
  const line = text.trim().split(/\r?\n/, 1)[0]?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
