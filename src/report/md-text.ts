import { clean } from "./text.js";
import type { Rating } from "../types.js";

/** Escapes text for HTML contexts (also used inside markdown, where raw HTML is live on GitHub). */
export function html(text: string): string {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Escapes text from targets and the map for inline markdown: emphasis, links, tables and raw
 * HTML must not be triggered by a config value or a message.
 */
export function md(text: string): string {
  return clean(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(/[\\`*_[\]|~#]/g, (ch) => `\\${ch}`)
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An inline code span that survives backticks in the value (CommonMark: a longer fence). */
export function code(text: string, inTable = false): string {
  const flat = clean(text).replace(/\s*\n\s*/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || flat === "" ? " " : "";
  // A pipe ends a table cell even inside a code span in GFM; there (only) the escape is removed.
  return `${fence}${pad}${inTable ? flat.replace(/\|/g, "\\|") : flat}${pad}${fence}`;
}

/** A coloured dot keeps the rating scannable in GitHub's rendering; the word keeps it accessible. */
export const RATING_BADGE: Record<Rating, string> = { high: "🔴", medium: "🟠", low: "🟢", unknown: "⚪" };
