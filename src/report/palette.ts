import { Chalk, type ChalkInstance } from "chalk";
import type { Rating, Severity } from "../types.js";
import type { Section } from "./sections.js";

/** The terminal's colours, from an explicit level so the CLI (not chalk's sniffing) decides. */
export interface Palette {
  c: ChalkInstance;
  rating(rating: Rating, text: string): string;
  severity(severity: Severity, text: string): string;
  section(section: Section, text: string): string;
}

export function palette(color: boolean): Palette {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    c,
    rating: (rating, text) =>
      rating === "high" ? c.red.bold(text) : rating === "medium" ? c.yellow(text) : rating === "low" ? c.green(text) : c.gray(text),
    severity: (severity, text) => (severity === "high" ? c.red(text) : severity === "medium" ? c.yellow(text) : c.gray(text)),
    section: (section, text) => {
      switch (section) {
        case "undeclared":
          return c.red.bold(text);
        case "open-high":
          return c.red(text);
        case "declared":
          return c.green(text);
        case "stale":
          return c.yellow(text);
        case "manual":
          return c.cyan(text);
        case "error":
          return c.magenta.bold(text);
        case "measurement":
          return c.gray(text);
      }
    },
  };
}

/** Marks that still read without colour (NO_COLOR, CI logs). */
export const SECTION_MARK: Record<Section, string> = {
  undeclared: "✖",
  "open-high": "▲",
  declared: "●",
  stale: "?",
  manual: "✎",
  error: "!",
  measurement: "·",
};
