import type { DatabaseSession } from "../database/session.js";
import type { CatalogColumn, CatalogTable, DialectProfiler, ReadPlan, WideResult } from "./dialect.js";
import type { ColumnKind } from "./types.js";
import { decodeWideRow } from "./wide-row.js";
import { QUANTILE_SALT, SAMPLE_SALT, TARGET_BLOCKS, blockSize, chosenRanges } from "./key-blocks.js";
import type { BlockChoice, KeyRange } from "./key-blocks.js";
import { DISTINCT_BUCKETS, QUANTILE_FRACTIONS, countsDistinct, discPosition, keyKind, splitName, toNumber } from "./plan.js";

const quote = (name: string) => `\`${name.replace(/`/g, "``")}\``;

const NUMERIC = new Set(["tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double", "real", "year"]);
const TIME = new Set(["date", "datetime", "timestamp"]);
const TEXT = new Set(["char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"]);

function kindOf(dataType: string, columnType: string): ColumnKind {
  const t = dataType.toLowerCase();
  // MySQL has no boolean type: BOOLEAN is tinyint(1).
  if (t === "tinyint" && /^tinyint\(1\)/i.test(columnType)) return "boolean";
  if (NUMERIC.has(t)) return "numeric";
  if (TIME.has(t)) return "time";
  if (TEXT.has(t)) return "text";
  return "other";
}

// Seconds since 1970 with the value read as UTC (the session runs with time_zone = '+00:00'),
// the same convention PostgreSQL's date_part('epoch', timestamp) uses.
const epoch = (expr: string) => `TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${expr})`;

/** The key's span (MIN and MAX through the primary key: no scan), asked once per table. */
const spans = new WeakMap<ReadPlan, Promise<{ min: bigint; max: bigint } | null>>();

function keySpan(session: DatabaseSession, plan: ReadPlan): Promise<{ min: bigint; max: bigint } | null> {
  let span = spans.get(plan);
  if (!span) {
    const k = quote(plan.key!.name);
    span = session.query<{ lo: unknown; hi: unknown }>(`SELECT MIN(${k}) AS lo, MAX(${k}) AS hi FROM ${plan.ref}`).then(([row]) =>
      row?.lo === null || row?.lo === undefined || row.hi === null || row.hi === undefined ? null : { min: BigInt(String(row.lo)), max: BigInt(String(row.hi)) },
    );
    spans.set(plan, span);
  }
  return span;
}

const modulusOf = (percent: number) => Math.max(1, Math.round(100 / percent));

/**
 * The primary-key ranges a key-block sample reads: the sample's blocks, or for percentiles the
 * finer blocks of the percentile subsample inside them (another salt, so the two never line up).
 */
async function keyRanges(session: DatabaseSession, plan: ReadPlan, purpose: "rows" | "percentiles"): Promise<KeyRange[] | null> {
  const span = await keySpan(session, plan);
  if (!span) return null; // an empty table: nothing to choose from
  const choices: BlockChoice[] = [];
  const sampled = plan.sample.method === "keyblocks" ? modulusOf(plan.sample.percent) : 1;
  const sub = purpose === "percentiles" ? plan.quantileModulus : 1;
  const width = span.max - span.min + 1n;
  const size = blockSize(width, sampled * sub * TARGET_BLOCKS);
  if (sampled > 1) choices.push({ modulus: sampled, salt: SAMPLE_SALT, ratio: Number(blockSize(width, sampled * TARGET_BLOCKS) / size) });
  if (sub > 1) choices.push({ modulus: sub, salt: QUANTILE_SALT });
  return choices.length ? chosenRanges(span.min, span.max, size, choices) : null;
}

/**
 * The table joined to its chosen key ranges: `FROM (ranges) JOIN t ON key BETWEEN lo AND hi`,
 * which the server reads range by range for each row of the list ("Range checked for each
 * record"). Not `WHERE key BETWEEN … OR key BETWEEN …`: the server checks that whole OR again
 * on every row it reads, and 1,500 ranges turned a 30 ms read into 2 s.
 */
function rangesJoined(ref: string, key: string, ranges: KeyRange[], mariadb: boolean): string {
  // The first row names the columns and matches no key (lo > hi).
  const head = "SELECT 0 AS parity_lo, -1 AS parity_hi";
  const rows = !ranges.length
    ? head
    : mariadb
      ? `${head} UNION ALL VALUES ${ranges.map((r) => `(${r.lo}, ${r.hi})`).join(", ")}`
      : `${head} ${ranges.map((r) => `UNION ALL SELECT ${r.lo}, ${r.hi}`).join(" ")}`;
  return `(${rows}) AS parity_blocks JOIN ${ref} ON ${ref}.${key} BETWEEN parity_blocks.parity_lo AND parity_blocks.parity_hi`;
}

/** FROM for the profiled rows (or the percentiles' subsample of them): the table, or its chosen key ranges. */
async function source(session: DatabaseSession, plan: ReadPlan, purpose: "rows" | "percentiles" = "rows"): Promise<string> {
  const key = plan.key;
  const blocks = plan.sample.method === "keyblocks" || (purpose === "percentiles" && plan.quantileModulus > 1 && key && keyKind(key) === "integer");
  if (!key || !blocks) return plan.ref;
  const ranges = await keyRanges(session, plan, purpose);
  return ranges ? rangesJoined(plan.ref, quote(key.name), ranges, /mariadb/i.test(session.serverVersion)) : plan.ref;
}

/** WHERE: the map's condition, a hash sample for keys that are not integers, and `extra`. */
function filter(plan: ReadPlan, extra?: string, purpose: "rows" | "percentiles" = "rows"): string {
  const parts: string[] = [];
  if (plan.where) parts.push(`(${plan.where})`);
  const key = plan.key ? quote(plan.key.name) : undefined;
  if (key && keyKind(plan.key!) !== "integer") {
    // A key that is not an integer cannot be cut into ranges: a deterministic hash of it instead
    // (the same keys every run and on both sides), which the server tests on every row.
    if (plan.sample.method === "crc32") parts.push(`CRC32(${key}) % ${modulusOf(plan.sample.percent)} = 0`);
    if (purpose === "percentiles" && plan.quantileModulus > 1) parts.push(`CRC32(CONCAT(${key}, 'q')) % ${plan.quantileModulus} = 0`);
  }
  if (extra) parts.push(extra);
  return parts.length ? ` WHERE ${parts.join(" AND ")}` : "";
}

/**
 * How a value is told apart from another: text by its bytes (CAST … AS BINARY), everything else as
 * itself. Under a case- or accent-insensitive collation (MariaDB's default utf8mb4_general_ci)
 * GROUP BY folds 'EUR' and 'eur' into one group named after whichever row the server read first,
 * so the same values stored in another order showed as a category only one side has. By bytes,
 * categories and distinct counts are the values as stored, as PostgreSQL's deterministic
 * collations count them, and grouping skips the collation's weights: a 1M-row joint GROUP BY of
 * three varchar columns took 0.36 s instead of 0.70 s here.
 */
function asStored(c: CatalogColumn): string {
  return c.kind === "text" ? `CAST(${quote(c.name)} AS BINARY)` : quote(c.name);
}

/**
 * Exact distinct counts only over a whole small table: a sample's own distinct count says little
 * about the table's (and is never marked exact), while MariaDB's exact COUNT(DISTINCT) of eight
 * columns cost three times the rest of a 50,000-row sample's aggregate; the hash-bucket estimate
 * costs next to nothing, and categorical columns get their exact count from their value list.
 */
const exactDistinct = (plan: ReadPlan) => plan.exactDistinct && plan.sample.method === "full";

function columnExpressions(c: CatalogColumn, i: number, plan: ReadPlan): string[] {
  const q = quote(c.name);
  // A NOT NULL column's non-null count is the row count (decodeWideRow): not counted again.
  const out = c.notNull ? [] : [`COUNT(${q}) AS nn${i}`];
  if (countsDistinct(c, plan)) {
    out.push(
      exactDistinct(plan)
        ? `COUNT(DISTINCT ${asStored(c)}) AS d${i}`
        : `COUNT(DISTINCT CASE WHEN (CRC32(${q}) & ${DISTINCT_BUCKETS - 1}) = 0 THEN ${asStored(c)} END) AS d${i}`,
    );
  }
  if (c.kind === "numeric") out.push(`MIN(${q}) AS lo${i}`, `MAX(${q}) AS hi${i}`, `AVG(${q}) AS mean${i}`, `STDDEV_SAMP(${q}) AS sd${i}`);
  else if (c.kind === "time") out.push(`${epoch(`MIN(${q})`)} AS lo${i}`, `${epoch(`MAX(${q})`)} AS hi${i}`);
  else if (c.kind === "text") out.push(`MIN(CHAR_LENGTH(${q})) AS lmin${i}`, `MAX(CHAR_LENGTH(${q})) AS lmax${i}`, `AVG(CHAR_LENGTH(${q})) AS lmean${i}`);
  return out;
}

export const mysqlProfiler: DialectProfiler = {
  async catalog(session, names) {
    // One statement, this session only: times read as UTC (epoch), and no ONLY_FULL_GROUP_BY —
    // MySQL's default refuses a column grouped through an expression, as categories are (asStored).
    await session.query("SET time_zone = '+00:00', sql_mode = REPLACE(@@SESSION.sql_mode, 'ONLY_FULL_GROUP_BY', '')");
    const [{ db }] = await session.query<{ db: string | null }>("SELECT DATABASE() AS db");
    const wanted = names.map((name) => {
      const { schema, table } = splitName(name);
      return { name, schema: schema ?? db ?? "", table };
    });
    // Per schema, three plain lookups by schema and table name: MariaDB answers those from the
    // named tables alone, while a row-value IN or a correlated EXISTS over information_schema
    // makes it open every table of the server (150 ms instead of 3 on an idle test server).
    const rows: Array<{ s: string; t: string; r: unknown; col: string; dt: string; ct: string; ck: string; nl: string; fk: boolean }> = [];
    for (const schema of [...new Set(wanted.map((w) => w.schema))]) {
      const names = [...new Set(wanted.filter((w) => w.schema === schema).map((w) => w.table))];
      const marks = names.map(() => "?").join(", ");
      const columns = await session.query<{ t: string; col: string; dt: string; ct: string; ck: string; nl: string }>(
        `SELECT TABLE_NAME AS t, COLUMN_NAME AS col, DATA_TYPE AS dt, COLUMN_TYPE AS ct, COLUMN_KEY AS ck, IS_NULLABLE AS nl FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (${marks}) ORDER BY TABLE_NAME, ORDINAL_POSITION`,
        [schema, ...names],
      );
      const sizes = await session.query<{ t: string; r: unknown }>(`SELECT TABLE_NAME AS t, TABLE_ROWS AS r FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (${marks})`, [schema, ...names]);
      const references = await session.query<{ t: string; col: string }>(
        `SELECT TABLE_NAME AS t, COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (${marks}) AND REFERENCED_TABLE_NAME IS NOT NULL`,
        [schema, ...names],
      );
      const size = new Map(sizes.map((x) => [x.t, x.r]));
      const fks = new Set(references.map((x) => `${x.t}\u0000${x.col}`));
      for (const c of columns) rows.push({ s: schema, ...c, r: size.get(c.t), fk: fks.has(`${c.t}\u0000${c.col}`) });
    }
    const tables = new Map<string, CatalogTable>();
    const keys = new Map<string, string[]>();
    for (const w of wanted) {
      for (const r of rows.filter((row) => row.s === w.schema && row.t === w.table)) {
        let t = tables.get(w.name);
        if (!t) {
          t = { ref: `${quote(w.schema)}.${quote(w.table)}`, estimatedRows: toNumber(r.r) ?? 0, columns: [] };
          tables.set(w.name, t);
          keys.set(w.name, []);
        }
        t.columns.push({ name: r.col, type: r.ct, kind: kindOf(r.dt, r.ct), reference: r.fk, notNull: r.nl === "NO" });
        if (r.ck === "PRI") keys.get(w.name)?.push(r.col);
      }
      const pk = keys.get(w.name);
      if (pk?.length === 1) tables.get(w.name)!.primaryKey = pk[0];
    }
    return tables;
  },

  async wide(session, plan, columns): Promise<WideResult> {
    const select = ["COUNT(*) AS n", ...columns.flatMap((c, i) => columnExpressions(c, i, plan))];
    const [row] = await session.query<Record<string, unknown>>(`SELECT ${select.join(", ")} FROM ${await source(session, plan)}${filter(plan)}`);
    return decodeWideRow(row, columns, exactDistinct(plan), plan);
  },

  async quantiles(session, plan, columns, nonNull) {
    // One statement for every column: one read of the rows, one ROW_NUMBER() sort per column
    // (MariaDB's PERCENTILE_DISC is a window function that would sort once per percentile). A
    // row is kept when it is percentile_disc's pick for some k/100 in some column, i.e. when
    // ⌊100·k/n⌋ steps up at its rank k among the non-null values, in integer arithmetic. When
    // the percentiles read the aggregate's own rows, its non-null counts give n and the NULLs
    // (sorted first) are skipped by rank; a subsample counts its own with two more windows.
    const known = plan.quantileModulus === 1 && nonNull && columns.every((c) => nonNull.has(c.name));
    const total = known ? Math.max(...columns.map((c) => nonNull!.get(c.name)!.rows)) : 0;
    const parts = columns.map((c, i) => {
      const q = quote(c.name);
      const expr = c.kind === "time" ? epoch(q) : q;
      if (known) {
        const n = nonNull!.get(c.name)!.nonNull;
        const skip = total - n;
        const k = `(ROW_NUMBER() OVER (ORDER BY ${q}) - ${skip})`;
        return {
          select: `${expr} AS v${i}, ${k} AS r${i}, ${n} AS n${i}`,
          pick: n > 0 ? `(v${i} IS NOT NULL AND (r${i} = 1 OR (r${i} * 100) DIV ${n} > ((r${i} - 1) * 100) DIV ${n}))` : "FALSE",
        };
      }
      return {
        select: `${expr} AS v${i}, ROW_NUMBER() OVER (PARTITION BY ${q} IS NULL ORDER BY ${q}) AS r${i}, COUNT(${q}) OVER () AS n${i}`,
        pick: `(v${i} IS NOT NULL AND (r${i} = 1 OR (r${i} * 100) DIV n${i} > ((r${i} - 1) * 100) DIV n${i}))`,
      };
    });
    const rows = await session.query<Record<string, unknown>>(
      `SELECT * FROM (SELECT ${parts.map((p) => p.select).join(", ")} FROM ${await source(session, plan, "percentiles")}${filter(plan, undefined, "percentiles")}) x
        WHERE ${parts.map((p) => p.pick).join(" OR ")}`,
    );
    const out = new Map<string, { values: number[]; rows: number }>();
    columns.forEach((c, i) => {
      const picked = rows.filter((r) => r[`v${i}`] !== null && r[`v${i}`] !== undefined);
      const n = picked.length ? Number(picked[0]![`n${i}`]) : 0;
      const byPosition = new Map(picked.map((r) => [Number(r[`r${i}`]), Number(r[`v${i}`])]));
      const values = n ? QUANTILE_FRACTIONS.map((f) => byPosition.get(discPosition(f, n)) ?? NaN) : [];
      out.set(c.name, { values: values.length && values.every(Number.isFinite) ? values : [], rows: n });
    });
    return out;
  },

  async jointCounts(session, plan, columns) {
    const names = columns.map((c) => quote(c.name));
    return session.query<Record<string, unknown>>(
      `SELECT ${names.map((q, i) => `${q} AS v${i}`).join(", ")}, COUNT(*) AS n FROM ${await source(session, plan)}${filter(plan)} GROUP BY ${columns.map(asStored).join(", ")}`,
    );
  },

  top: (session, plan, column, limit) => topOf(session, plan, column, limit),

  async newest(session, plan, column) {
    const q = quote(column.name);
    const unsampled: ReadPlan = { ...plan, sample: { method: "full", percent: 100 } };
    const [row] = await session.query<{ v: unknown }>(`SELECT ${epoch(`MAX(${q})`)} AS v FROM ${plan.ref}${filter(unsampled)}`);
    return toNumber(row?.v);
  },
};

async function topOf(session: DatabaseSession, plan: ReadPlan, column: CatalogColumn, limit: number): Promise<Array<{ value: string; count: number }>> {
  const q = quote(column.name);
  const rows = await session.query<{ v: unknown; n: unknown }>(
    `SELECT ${q} AS v, COUNT(*) AS n FROM ${await source(session, plan)}${filter(plan, `${q} IS NOT NULL`)} GROUP BY ${asStored(column)} ORDER BY n DESC, ${asStored(column)} LIMIT ${Math.round(limit)}`,
  );
  return rows.map((r) => ({ value: String(r.v), count: Number(r.n) }));
}

