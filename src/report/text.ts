import type { JsonValue } from "../types.js";
import { evidenceText } from "./evidence-text.js";

export { ABSENT } from "./evidence-text.js";

/**
 * Strips control characters (ANSI escapes included) from text that came from a target:
 * a production config value must not be able to repaint or clear the reader's terminal.
 */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- the whole point is to match control characters
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/** One line, at most `max` characters, ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s*\n\s*/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(0, max - 1))}…`;
}

/** A short human rendering of one side's evidence, in words (never raw JSON), control characters stripped. */
export function formatValue(value: JsonValue | undefined, max = 60): string {
  return truncate(clean(evidenceText(value, Number.MAX_SAFE_INTEGER)), max);
}

/** `2026-11-26T10:00:00Z` → `2026-11-26 10:00 UTC`, independent of the machine's time zone. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return clean(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export { plural } from "../assess/words.js";

/**
 * Greedy word wrap. Hand-written because the packages that do it (wrap-ansi) are not our
 * dependencies, and we wrap plain text before colouring, so counting characters is enough.
 */
export function wrap(text: string, width: number, indent = "", hang = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    const prefix = () => (lines.length === 0 ? indent : hang);
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && prefix().length + line.length + 1 + word.length > Math.max(40, width)) {
        lines.push(prefix() + line);
        line = "";
      }
      line = line ? `${line} ${word}` : word;
    }
    lines.push(prefix() + line);
  }
  return lines;
}
