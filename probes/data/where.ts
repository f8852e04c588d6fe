import { createRequire } from "node:module";
import type { Parser as SqlParser } from "node-sql-parser";
import { ProbeError } from "../../src/errors.js";
import { checkExpression, Refused, type ColumnName } from "./where-rules.js";

/**
 * A data probe's `where:` reaches SQL only through a parser (node-sql-parser, in the target's
 * dialect): it must be one boolean condition over the table's columns (see where-rules.ts),
 * and what parity sends is the condition *regenerated from the syntax tree*, never the text as
 * written, so no comment, executable comment (`/*! … *\/`) or quoting trick can make the server
 * read more than the parser saw. The map's validation refuses what neither dialect accepts;
 * collect refuses what the target's dialect does not accept and names that are not columns.
 */

export type Dialect = "postgres" | "mysql";

// The MySQL grammar, not the MariaDB one, for both servers: the MariaDB build reserves STATUS (a
// common column name MariaDB itself accepts bare); conditions are written alike on both.
const DATABASE: Record<Dialect, string> = { postgres: "postgresql", mysql: "mysql" };
const TABLE = "parity_where_check";
const prefix = `SELECT 1 FROM ${TABLE} WHERE `;

const require = createRequire(import.meta.url);
const parsers = new Map<Dialect, SqlParser>();

/** Loaded on first use (one dialect's build, ~300 KB): only maps with a `where:` pay for it. */
function parser(dialect: Dialect): SqlParser {
  let p = parsers.get(dialect);
  if (!p) {
    const { Parser } = require(`node-sql-parser/build/${DATABASE[dialect]}`) as typeof import("node-sql-parser");
    parsers.set(dialect, (p = new Parser()));
  }
  return p;
}

export type WhereCheck =
  | { ok: true; expression: unknown; columns: ColumnName[] }
  | { ok: false; syntax: boolean; reason: string };

const refuse = (reason: string, syntax = false): WhereCheck => ({ ok: false, syntax, reason });

/** Parses and checks a condition in one dialect. */
export function analyseWhere(text: string, dialect: Dialect): WhereCheck {
  const comment = findComment(text, dialect);
  if (comment) return refuse(`comments (${comment}) are not allowed: they could cut off the rest of the query parity builds around the condition`);
  let statements: unknown;
  try {
    statements = parser(dialect).astify(prefix + text, { database: DATABASE[dialect] });
  } catch (error) {
    return refuse(syntaxReason(error), true);
  }
  const list = (Array.isArray(statements) ? statements : [statements]) as Array<Record<string, unknown>>;
  if (list.length !== 1) return refuse("a where is one condition, not several statements (remove the ;)");
  const statement = list[0]!;
  const template = templateOf(dialect);
  for (const key of new Set([...Object.keys(statement), ...Object.keys(template)])) {
    if (key === "where" || JSON.stringify(statement[key]) === JSON.stringify(template[key])) continue;
    return refuse(clauseReason(key, statement));
  }
  try {
    return { ok: true, expression: statement.where, columns: checkExpression(statement.where) };
  } catch (error) {
    if (error instanceof Refused) return refuse(error.message);
    throw error;
  }
}

/**
 * The map's check, before the target's dialect is known: accepted when PostgreSQL or MariaDB
 * accepts it; otherwise the most specific reason (a refused clause over a syntax error).
 */
export function whereProblem(text: string): string | undefined {
  const results = (["postgres", "mysql"] as const).map((d) => analyseWhere(text, d));
  if (results.some((r) => r.ok)) return undefined;
  const failed = results as Array<Extract<WhereCheck, { ok: false }>>;
  return (failed.find((r) => !r.syntax) ?? failed[0]!).reason;
}

/** The SQL condition to send to this table, regenerated from its syntax tree; throws a ProbeError when refused. */
export function compileWhere(text: string, dialect: Dialect, table: string, columns: string[]): string {
  const checked = analyseWhere(text, dialect);
  const server = dialect === "postgres" ? "PostgreSQL" : "MariaDB/MySQL";
  if (!checked.ok) throw new ProbeError(`the where of ${table} is refused on ${server}: ${checked.reason}`);
  const unknown = checked.columns.filter((c) => !columns.some((name) => sameColumn(name, c, dialect))).map((c) => c.name);
  if (unknown.length) {
    const names = [...new Set(unknown)];
    throw new ProbeError(
      `the where of ${table} names ${names.join(", ")}, which ${names.length > 1 ? "are not columns" : "is not a column"} of ${table} (its columns: ${columns.join(", ")})`,
    );
  }
  const sql = parser(dialect).exprToSQL(checked.expression, { database: DATABASE[dialect] });
  // What is sent must pass the same rules as what was written (the generator is not ours).
  if (!analyseWhere(sql, dialect).ok) throw new ProbeError(`the where of ${table} could not be rewritten safely for ${server}; simplify it`);
  return sql;
}

function sameColumn(catalog: string, written: ColumnName, dialect: Dialect): boolean {
  if (dialect === "mysql") return catalog.toLowerCase() === written.name.toLowerCase();
  // PostgreSQL folds unquoted names to lower case and keeps quoted ones as written.
  return catalog === (written.quoted ? written.name : written.name.toLowerCase());
}

const templates = new Map<Dialect, Record<string, unknown>>();

/** The statement shape a bare condition produces: any other clause came from the user's text. */
function templateOf(dialect: Dialect): Record<string, unknown> {
  let t = templates.get(dialect);
  if (!t) templates.set(dialect, (t = parser(dialect).astify(`${prefix}1 = 1`, { database: DATABASE[dialect] }) as unknown as Record<string, unknown>));
  return t;
}

function clauseReason(key: string, statement: Record<string, unknown>): string {
  if (key === "into") {
    const into = statement.into as { keyword?: string } | undefined;
    const what = into?.keyword === "var" ? "variables" : String(into?.keyword ?? "").toUpperCase();
    return `INTO ${what} is not allowed: it would make the server write a file or set variables`;
  }
  if (key === "locking_read" || key === "locking") return `${String(statement[key])} is not allowed: it takes locks that block the target's own writes`;
  if (key === "_next" || key === "set_op") return `${String(statement.set_op ?? "UNION").toUpperCase()} is not allowed: a where is one condition, not another query`;
  const clause: Record<string, string> = { orderby: "ORDER BY", limit: "LIMIT/OFFSET", groupby: "GROUP BY", having: "HAVING", window: "WINDOW", with: "WITH", distinct: "DISTINCT", options: "query options" };
  return `${clause[key] ?? key} is not part of a condition: a where is one boolean expression`;
}

function syntaxReason(error: unknown): string {
  const e = error as { found?: string | null; location?: { start?: { offset?: number } }; message?: string };
  const at = e.location?.start?.offset;
  if (at === undefined) return "the condition could not be parsed";
  const position = at - prefix.length + 1;
  const what = e.found ? `unexpected "${e.found}" at character ${position}` : "the condition ends too early";
  return `not a condition parity can read: ${what} (a where is one boolean expression over the table's columns, e.g. status = 'active' AND amount > 0)`;
}

/**
 * The first comment outside string literals and quoted names, or undefined. A small scanner,
 * not the parser, because the parser skips comments as whitespace; a quoting trick it misreads
 * still ends in a refusal (the rules refuse backslashes and dollar quotes).
 */
export function findComment(text: string, dialect: Dialect): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) {
        if (text[i + 1] === quote) i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "-" && text[i + 1] === "-") return "--";
    else if (c === "/" && text[i + 1] === "*") return "/* */";
    else if (c === "#" && dialect === "mysql") return "#";
  }
  return undefined;
}
