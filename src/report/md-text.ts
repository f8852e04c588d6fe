import { clean } from "./text.js";
import type { Rating } from "../types.js";

/** Escapes text for HTML contexts (the HTML report, and raw HTML blocks such as <summary>). */
export function html(text: string): string {
  return clean(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Escapes text from targets and the map for inline markdown, as little as keeps it inert:
 * markdown is read raw in pull requests and checklists too, so `PAYMENT\_TIMEOUT\_MS`, `&gt;`
 * and `\#` must not appear where nothing needed them. Escaped: `*`, backticks, brackets and
 * `~` (emphasis, code, links, strikethrough), `_` only at a word's edge (GFM ignores it inside
 * words), `<` only where it could open a tag or autolink, `&` only where it would spell an
 * entity, `\` only before punctuation. Text is flattened to one line, so `#`, `>` and list
 * markers never start one. A balanced `code span` is kept: nothing inside one is live.
 */
export function md(text: string): string {
  // A `command` the engine quoted stays a code span (inert in markdown); lone backticks are escaped.
  return clean(text)
    .replace(/\s*\n\s*/g, " ")
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : inline(part)))
    .join("");
}

function inline(text: string): string {
  return text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, "\\\\")
    .replace(/[*`[\]~]/g, (ch) => `\\${ch}`)
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace("_", "\\_"))
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}

/** Inside a table cell a pipe ends the cell, even inside a code span (GFM). */
export function mdCell(text: string): string {
  return md(text).replace(/\|/g, "\\|");
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
