/**
 * Text normalisation: what means the same must compare equal, so that two schemas created by
 * different tools, server versions or orders give no finding. Hand-written because no library
 * knows these PostgreSQL/MySQL/MariaDB rendering quirks; each rule names the quirk it absorbs.
 */

const LITERAL = String.raw`'(?:[^']|'')*'|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?`;
const TYPE_PART = String.raw`(?:"(?:[^"]|"")*"|[A-Za-z_][\w ]*)`;
const CAST = String.raw`::${TYPE_PART}(?:\.${TYPE_PART})?(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*`;
const CAST_LITERAL = new RegExp(String.raw`^\(?(${LITERAL})\)?${CAST}$`, "i");

/**
 * PostgreSQL default expressions: `'x'::text`, `'EUR'::character varying`, `('0'::numeric)`
 * and `'customer'::"user-role"` mean the literal; the cast only restates the column's type.
 * Expressions that are not a bare cast literal (nextval(…), now()) are kept as the server wrote them.
 */
export function normalisePgDefault(expr: string | null): string | null {
  if (expr === null) return null;
  let out = expr.trim();
  for (let i = 0; i < 4; i++) {
    const inner = /^\((.*)\)$/.exec(out)?.[1];
    if (inner !== undefined && balanced(inner)) out = inner.trim();
    const m = CAST_LITERAL.exec(out);
    if (!m) break;
    out = m[1]!;
  }
  return quotedNumber(out);
}

/** True when the parentheses in `text` pair up, so `(a)::t` is not mistaken for `(a)` wrapped whole. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text.replace(/'(?:[^']|'')*'/g, "")) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

/** `'42'` and `42` as a default of a numeric column are the same value. */
function quotedNumber(literal: string): string {
  const m = /^'(-?\d+(?:\.\d+)?)'$/.exec(literal);
  return m ? m[1]! : literal;
}

const IDENT = String.raw`(?:"(?:[^"]|"")*"|[^\s"]+)`;

/** `CREATE UNIQUE INDEX name ON …` → `CREATE UNIQUE INDEX ON …`: the name is the identity, compared apart. */
export function stripIndexName(definition: string): string {
  return definition.replace(new RegExp(String.raw`^CREATE (UNIQUE )?INDEX ${IDENT} ON `), "CREATE $1INDEX ON ");
}

/** `CREATE TRIGGER name BEFORE …` → `CREATE TRIGGER BEFORE …`. */
export function stripTriggerName(definition: string): string {
  return definition.replace(new RegExp(String.raw`^CREATE (CONSTRAINT )?TRIGGER ${IDENT} `), "CREATE $1TRIGGER ");
}

const TIME_UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
const MEMORY_UNITS: Record<string, number> = { B: 1 / 1024, kB: 1, MB: 1024, GB: 1024 ** 2, TB: 1024 ** 3 };
const UTC_ALIASES = new Set(["utc", "etc/utc", "universal", "etc/universal", "zulu", "etc/zulu", "etc/uct", "uct"]);

/**
 * PostgreSQL integer settings with units: `5s` from ALTER DATABASE … SET and `5000` (ms) from
 * pg_settings are the same timeout; both become `5000 ms`. Memory becomes kB.
 * `Etc/UTC` and `UTC` are one zone under two names.
 */
export function normalisePgSetting(name: string, value: string | null, unit: string | null): string | null {
  if (value === null) return null;
  if (name === "TimeZone" && UTC_ALIASES.has(value.toLowerCase())) return "UTC";
  if (!unit) return value;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) return value;
  const base = /^(\d+)([a-zA-Z]+)$/.exec(unit); // e.g. "8kB" for shared_buffers
  const baseFactor = base ? Number(base[1]) : 1;
  const baseUnit = base ? base[2]! : unit;
  const num = Number(m[1]);
  const given = m[2] || null;
  if (baseUnit in TIME_UNITS) {
    const ms = given ? num * (TIME_UNITS[given] ?? NaN) : num * baseFactor * TIME_UNITS[baseUnit]!;
    return Number.isNaN(ms) ? value : `${ms} ms`;
  }
  if (baseUnit in MEMORY_UNITS) {
    const kb = given ? num * (MEMORY_UNITS[given] ?? NaN) : num * baseFactor * MEMORY_UNITS[baseUnit]!;
    return Number.isNaN(kb) ? value : `${kb} kB`;
  }
  return value;
}

const INTEGER_TYPES = /^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)/i;

/**
 * MySQL column types: 8.0.19 dropped integer display widths (`int(11)` → `int`) except
 * `tinyint(1)`, and `utf8` is `utf8mb3` under a newer name.
 */
export function normaliseMysqlType(columnType: string): string {
  // Lower-case outside quotes only: ENUM/SET labels are values, and 'Active' is not 'ACTIVE'
  // (the stored strings differ even where a case-insensitive collation compares them equal).
  let out = columnType.replace(/('(?:[^'\\]|''|\\.)*')|[^']+/g, (part, quoted: string | undefined) => (quoted ? part : part.toLowerCase()));
  if (!/^tinyint\(1\)/.test(out)) out = out.replace(INTEGER_TYPES, "$1");
  return out.replace(/^integer/, "int");
}

/** The same rule inside a routine signature: `IN a int(11)` → `IN a int`. */
export function normaliseMysqlTypesIn(text: string): string {
  return text.replace(/\b(tinyint|smallint|mediumint|int|integer|bigint)\((\d+)\)/gi, (whole, type: string, width: string) =>
    type.toLowerCase() === "tinyint" && width === "1" ? whole.toLowerCase() : type.toLowerCase().replace("integer", "int"),
  );
}

export function normaliseCharset(name: string | null): string | null {
  if (name === null) return null;
  return name.toLowerCase().replace(/^utf8(?!mb)/, "utf8mb3");
}

/** MySQL/MariaDB expressions: `current_timestamp()` (MariaDB) = `CURRENT_TIMESTAMP` (MySQL). */
function normaliseMysqlExpression(expr: string): string {
  return expr
    .trim()
    .replace(/\b(current_timestamp|now|localtimestamp|localtime|curdate|current_date|utc_timestamp)\s*\(\s*\)/gi, "$1")
    .replace(/\b(current_timestamp|now|localtimestamp|localtime)\b/gi, (w) => (w.toLowerCase() === "now" ? "current_timestamp" : w.toLowerCase()));
}

const STRINGISH = /^(char|varchar|binary|varbinary|tinytext|text|mediumtext|longtext|tinyblob|blob|mediumblob|longblob|enum|set|date|time|datetime|timestamp|year|json)\b/i;

/**
 * A column default, the same whichever server wrote it. MariaDB (10.2.7+) quotes string
 * literals (`'EUR'`) and writes `NULL` for "no default"; MySQL writes bare `EUR` and SQL NULL,
 * and marks expressions with DEFAULT_GENERATED in EXTRA. Result: literals quoted, expressions
 * lower-cased, no default → null.
 */
export function normaliseMysqlDefault(raw: string | null, columnType: string, extra: string, isMariaDb: boolean): string | null {
  if (raw === null) return null;
  if (isMariaDb) {
    if (raw === "NULL") return null;
    if (raw.startsWith("'")) return raw;
    return /^-?\d/.test(raw) && !STRINGISH.test(columnType) ? raw : normaliseMysqlExpression(raw);
  }
  if (/DEFAULT_GENERATED/i.test(extra)) return normaliseMysqlExpression(raw);
  if (STRINGISH.test(columnType)) return `'${raw.replace(/'/g, "''")}'`;
  return raw;
}

/** EXTRA: drop MySQL's DEFAULT_GENERATED marker (carried by the default) and unify `on update` spelling. */
export function normaliseMysqlExtra(extra: string): string {
  return normaliseMysqlExpression(extra.replace(/DEFAULT_GENERATED/gi, "").replace(/\s+/g, " ").trim().toLowerCase())
    .replace(/persistent generated/, "stored generated");
}
