import { Chalk, type ChalkInstance } from "chalk";
import type { Rating, Risk, Section } from "../types.js";

/** The terminal's colours, from an explicit level so the CLI (not chalk's sniffing) decides. */
export interface Palette {
  c: ChalkInstance;
  rating(rating: Rating, text: string): string;
  risk(risk: Risk | null, text: string): string;
  section(section: Section, text: string): string;
  gate(passed: boolean, exitCode: number, text: string): string;
}

export function palette(color: boolean): Palette {
  const c = new Chalk({ level: color ? 1 : 0 });
  return {
    c,
    rating: (rating, text) =>
      rating === "high" ? c.red.bold(text) : rating === "medium" ? c.yellow(text) : rating === "low" ? c.green(text) : c.gray(text),
    risk: (risk, text) => (risk === "high" ? c.red(text) : risk === "medium" ? c.yellow(text) : c.gray(text)),
    gate: (passed, exitCode, text) => (!passed ? c.red.bold(text) : exitCode === 0 ? c.green.bold(text) : c.magenta.bold(text)),
    section: (section, text) => {
      switch (section) {
        case "undeclared":
          return c.red.bold(text);
        case "open-high-impact":
          return c.red(text);
        case "declared":
          return c.green(text);
        case "stale":
          return c.yellow(text);
        case "manual":
          return c.cyan(text);
        case "probe-error":
          return c.magenta.bold(text);
        case "unreadable":
          return c.magenta(text);
        case "measurement":
          return c.gray(text);
      }
    },
  };
}
