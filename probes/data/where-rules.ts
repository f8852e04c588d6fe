/**
 * What a data probe's `where:` may contain, judged on the SQL parser's syntax tree: a boolean
 * expression over the table's own columns, literals, operators and an allow-list of pure
 * functions. Everything else is refused with a reason the map's author can act on. The rules
 * are an allow-list on purpose: a construct the parser knows and these rules do not is refused.
 */

/** Operators of a condition (comparison, logic, arithmetic, pattern and JSON access). */
const OPERATORS = new Set([
  "AND", "OR", "XOR", "=", "!=", "<>", "<", "<=", ">", ">=", "<=>",
  "IS", "IS NOT", "IN", "NOT IN", "BETWEEN", "NOT BETWEEN",
  "LIKE", "NOT LIKE", "ILIKE", "NOT ILIKE", "REGEXP", "NOT REGEXP", "RLIKE", "NOT RLIKE", "~", "~*", "!~", "!~*",
  "+", "-", "*", "/", "%", "DIV", "MOD", "||", "->", "->>", "#>", "#>>", "@>", "<@", "?", "?|", "?&",
]);

const UNARY = new Set(["NOT", "!", "-", "+"]);

/**
 * Functions without side effects that open nothing, read no file, take no lock and do not
 * wait: string, null-handling, arithmetic, date and JSON helpers of PostgreSQL and MariaDB.
 * Not here on purpose: dblink*, pg_read_file, lo_*, load_file, sleep, pg_sleep, benchmark,
 * get_lock, pg_advisory_*, set_config, nextval/setval, random (a profile must be repeatable),
 * and the string amplifiers repeat, lpad, rpad and replace (nested, replace squares a length:
 * a 2,000-character condition could ask the server for gigabytes per row).
 */
export const ALLOWED_FUNCTIONS = new Set([
  // strings
  "lower", "upper", "length", "char_length", "character_length", "octet_length", "bit_length", "trim", "ltrim", "rtrim", "btrim",
  "substring", "substr", "left", "right", "concat", "concat_ws", "position", "strpos", "instr", "locate",
  "reverse", "initcap", "starts_with", "split_part",
  // NULLs and choices
  "coalesce", "nullif", "ifnull", "isnull", "greatest", "least", "if",
  // numbers
  "abs", "round", "floor", "ceil", "ceiling", "mod", "sign", "trunc", "truncate", "power", "sqrt",
  // dates and times
  "now", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "curdate", "curtime", "utc_timestamp", "utc_date",
  "date", "date_trunc", "date_part", "date_add", "date_sub", "adddate", "subdate", "datediff", "timestampdiff", "timestampadd",
  "year", "month", "day", "dayofmonth", "dayofweek", "hour", "minute", "second", "week", "quarter", "last_day",
  "to_char", "to_date", "to_timestamp", "from_unixtime", "unix_timestamp", "age", "make_date", "str_to_date", "date_format",
  // JSON
  "json_extract", "json_unquote", "json_value", "json_contains", "jsonb_extract_path_text", "json_extract_path_text",
  // patterns, hashes, logic in function form
  "regexp_like", "md5", "crc32", "not", "any", "some", "all",
]);

/** Literal node types: values only. */
const LITERALS = new Set(["number", "bool", "null", "single_quote_string", "natural_string", "date", "time", "timestamp", "hex_string", "full_hex_string", "bit_string"]);

/** How deep an expression may nest (a legitimate condition is far shallower). */
const MAX_DEPTH = 64;

/** A column the condition names, as written. */
export interface ColumnName {
  name: string;
  /** Written in quotes (case kept on PostgreSQL). */
  quoted: boolean;
}

type Node = Record<string, unknown> & { type?: string };

/** A refusal with the reason; the walk stops at the first one. */
export class Refused extends Error {}

/** Checks an expression tree against the rules and returns the columns it names. */
export function checkExpression(root: unknown): ColumnName[] {
  const columns: ColumnName[] = [];
  walk(root, 0, columns);
  return columns;
}

function walk(value: unknown, depth: number, columns: ColumnName[]): void {
  if (depth > MAX_DEPTH) throw new Refused(`the condition nests more than ${MAX_DEPTH} levels deep`);
  if (value === null || value === undefined) return;
  const node = value as Node;
  if (typeof node !== "object") throw new Refused("the condition is not understood");
  const next = (child: unknown): void => walk(child, depth + 1, columns);
  if ("ast" in node || node.type === "select") throw new Refused("sub-queries (SELECT, EXISTS, IN (SELECT …)) are not allowed: the condition may only read the profiled table's own row");
  switch (node.type) {
    case "binary_expr":
      if (!OPERATORS.has(String(node.operator).toUpperCase())) throw new Refused(`the operator ${String(node.operator)} is not allowed`);
      next(node.left);
      next(node.right);
      return;
    case "unary_expr":
      if (!UNARY.has(String(node.operator).toUpperCase())) throw new Refused(`the operator ${String(node.operator)} is not allowed`);
      next(node.expr);
      return;
    case "expr_list":
    case "array":
      for (const item of listOf(node)) next(item);
      return;
    case "function":
      // Arguments first, so EXISTS (SELECT …) is refused as the sub-query it is.
      for (const arg of listOf(node.args as Node | undefined)) next(arg);
      checkFunction(node);
      return;
    case "aggr_func":
      throw new Refused(`the aggregate ${String(node.name)}() cannot be part of a row condition`);
    case "cast":
      next(node.expr);
      return;
    case "interval":
      next(node.expr);
      return;
    case "extract":
      next((node.args as Node | undefined)?.source);
      return;
    case "case":
      next(node.expr);
      for (const arm of (node.args as Node[] | undefined) ?? []) {
        next(arm.cond);
        next(arm.result);
      }
      return;
    case "column_ref":
      columns.push(columnName(node));
      return;
    case "double_quote_string":
      // MariaDB reads "x" as a string, or as a column under ANSI_QUOTES: ambiguous, so refused.
      throw new Refused(`"${String(node.value)}" is ambiguous on MariaDB/MySQL (a string, or a column under ANSI_QUOTES): write strings in single quotes and columns bare or in backticks`);
    case "var":
    case "param":
    case "origin":
      throw new Refused(`${describeVar(node)} is not allowed: a condition holds columns, operators, functions and literal values only`);
    default:
      if (node.type && LITERALS.has(node.type)) return checkLiteral(node);
      throw new Refused(`${node.type ? `a ${node.type.replace(/_/g, " ")}` : "this construct"} is not allowed in a condition`);
  }
}

function listOf(node: Node | undefined): unknown[] {
  if (!node) return [];
  if (node.type === "expr_list") return (node.value as unknown[]) ?? [];
  if (node.type === "array") return listOf(node.expr_list as Node);
  return [node];
}

function checkFunction(node: Node): void {
  const name = node.name as { name?: Array<{ value?: unknown }>; schema?: unknown } | undefined;
  const parts = (name?.name ?? []).map((p) => String(p.value));
  const written = [name?.schema ? String((name.schema as { value?: unknown }).value) : undefined, ...parts].filter(Boolean).join(".");
  if (name?.schema || parts.length !== 1) throw new Refused(`the function ${written}() is not allowed: name functions without a schema`);
  if (node.over) throw new Refused(`the window function ${written}() cannot be part of a row condition`);
  if (!ALLOWED_FUNCTIONS.has(parts[0]!.toLowerCase())) {
    throw new Refused(`the function ${written}() is not allowed: a condition may call only functions that read nothing but their arguments (lower, coalesce, date_trunc, now, … — see the README)`);
  }
}

function checkLiteral(node: Node): void {
  const text = String(node.value ?? "");
  // The parser reads \' as an escaped quote; PostgreSQL (standard_conforming_strings) and MariaDB
  // under NO_BACKSLASH_ESCAPES end the string there. Where they disagree, what parity checked
  // would not be what the server runs: refuse backslashes, and quotes that are not doubled.
  if (/\\/.test(text)) throw new Refused("backslashes in string literals are not allowed (servers disagree on what they escape)");
  if (typeof node.value === "string" && !/^(?:[^']|'')*$/.test(text)) throw new Refused("a quote inside a string literal must be doubled ('it''s')");
}

function columnName(node: Node): ColumnName {
  if (node.table) throw new Refused(`${String(node.table)}.… names another table: write columns of the profiled table without a prefix`);
  const column = node.column as string | { expr?: { type?: string; value?: unknown } };
  const name = typeof column === "string" ? column : String(column?.expr?.value ?? "");
  const quoted = typeof column === "string" ? false : column?.expr?.type !== "default";
  if (name === "*" || name === "") throw new Refused("* is not a condition");
  if (/["`\\]/.test(name)) throw new Refused(`the column name ${name} holds a quote or backslash`);
  return { name, quoted };
}

function describeVar(node: Node): string {
  const prefix = String(node.prefix ?? "");
  if (prefix === "$$") return "a dollar-quoted string";
  if (node.type === "origin" || prefix === "$" || prefix === ":") return "a placeholder";
  return `the variable ${prefix}${String(node.name ?? "")}`;
}
