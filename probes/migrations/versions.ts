import type { MigrationTool } from "./types.js";

/** Compares two keys in the tool's version order; null when the tool defines none between them. */
export type VersionOrder = (a: string, b: string) => number | null;

function compareNumbers(a: string, b: string): number {
  const [x, y] = [a.replace(/^0+(?=\d)/, ""), b.replace(/^0+(?=\d)/, "")];
  return x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0;
}

/** Dotted numeric versions (Flyway's 1.2.10 > 1.2.9); a non-numeric part compares as text. */
function dotted(a: string, b: string): number {
  const [x, y] = [a.split("."), b.split(".")];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? "0", y[i] ?? "0"];
    const c = /^\d+$/.test(p) && /^\d+$/.test(q) ? compareNumbers(p, q) : p < q ? -1 : p > q ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

const numericOrText: VersionOrder = (a, b) => (/^\d+$/.test(a) && /^\d+$/.test(b) ? compareNumbers(a, b) : a < b ? -1 : a > b ? 1 : 0);
const text: VersionOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Django orders migrations within an app (0002 after 0001), not across apps. */
const django: VersionOrder = (a, b) => {
  const [appA, appB] = [a.slice(0, a.indexOf(".")), b.slice(0, b.indexOf("."))];
  return appA === appB ? text(a, b) : null;
};

/** The version order the tool applies migrations in; undefined where it has none (Liquibase follows its changelog, Alembic its graph). */
export const VERSION_ORDER: Partial<Record<MigrationTool, VersionOrder>> = {
  flyway: (a, b) => (a.startsWith("R:") || b.startsWith("R:") ? null : dotted(a, b)),
  rails: numericOrText,
  prisma: text,
  django,
  goose: numericOrText,
  "golang-migrate": numericOrText,
  atlas: numericOrText,
  knex: text,
};
