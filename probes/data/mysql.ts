import type { CatalogColumn, CatalogTable, DialectProfiler, ReadPlan, WideResult } from "./dialect.js";
import type { ColumnKind } from "./types.js";
import { decodeWideRow } from "./wide-row.js";
import { DISTINCT_BUCKETS, QUANTILE_FRACTIONS, discPosition, splitName, toNumber } from "./plan.js";

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

function filter(plan: ReadPlan, extra?: string): string {
  const parts: string[] = [];
  if (plan.where) parts.push(`(${plan.where})`);
  // A deterministic key hash instead of TABLESAMPLE (which MySQL/MariaDB lack): the same keys are
  // chosen on every run and on both sides.
  if (plan.sample.method === "crc32" && plan.key) parts.push(`CRC32(${quote(plan.key.name)}) % ${Math.round(100 / plan.sample.percent)} = 0`);
  if (extra) parts.push(extra);
  return parts.length ? ` WHERE ${parts.join(" AND ")}` : "";
}

function columnExpressions(c: CatalogColumn, i: number, plan: ReadPlan): string[] {
  const q = quote(c.name);
  const out = [`COUNT(${q}) AS nn${i}`];
  if (c.kind !== "other") {
    out.push(
      plan.exactDistinct
        ? `COUNT(DISTINCT ${q}) AS d${i}`
        : `COUNT(DISTINCT CASE WHEN (CRC32(${q}) & ${DISTINCT_BUCKETS - 1}) = 0 THEN ${q} END) AS d${i}`,
    );
  }
  if (c.kind === "numeric") out.push(`MIN(${q}) AS lo${i}`, `MAX(${q}) AS hi${i}`, `AVG(${q}) AS mean${i}`, `STDDEV_SAMP(${q}) AS sd${i}`);
  else if (c.kind === "time") out.push(`${epoch(`MIN(${q})`)} AS lo${i}`, `${epoch(`MAX(${q})`)} AS hi${i}`);
  else if (c.kind === "text") out.push(`MIN(CHAR_LENGTH(${q})) AS lmin${i}`, `MAX(CHAR_LENGTH(${q})) AS lmax${i}`, `AVG(CHAR_LENGTH(${q})) AS lmean${i}`);
  return out;
}

export const mysqlProfiler: DialectProfiler = {
  async catalog(session, names) {
    await session.query("SET time_zone = '+00:00'");
    const [{ db }] = await session.query<{ db: string | null }>("SELECT DATABASE() AS db");
    const wanted = names.map((name) => {
      const { schema, table } = splitName(name);
      return { name, schema: schema ?? db ?? "", table };
    });
    const rows = await session.query<{ s: string; t: string; r: unknown; col: string; dt: string; ct: string; ck: string; fk: unknown }>(
      `SELECT c.TABLE_SCHEMA AS s, c.TABLE_NAME AS t, tb.TABLE_ROWS AS r, c.COLUMN_NAME AS col, c.DATA_TYPE AS dt, c.COLUMN_TYPE AS ct, c.COLUMN_KEY AS ck,
              EXISTS (SELECT 1 FROM information_schema.KEY_COLUMN_USAGE k WHERE k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME
                         AND k.COLUMN_NAME = c.COLUMN_NAME AND k.REFERENCED_TABLE_NAME IS NOT NULL) AS fk
         FROM information_schema.COLUMNS c
         JOIN information_schema.TABLES tb ON tb.TABLE_SCHEMA = c.TABLE_SCHEMA AND tb.TABLE_NAME = c.TABLE_NAME
        WHERE (c.TABLE_SCHEMA, c.TABLE_NAME) IN (${wanted.map(() => "(?, ?)").join(", ")})
        ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION`,
      wanted.flatMap((w) => [w.schema, w.table]),
    );
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
        t.columns.push({ name: r.col, type: r.ct, kind: kindOf(r.dt, r.ct), reference: Number(r.fk) === 1 });
        if (r.ck === "PRI") keys.get(w.name)?.push(r.col);
      }
      const pk = keys.get(w.name);
      if (pk?.length === 1) tables.get(w.name)!.primaryKey = pk[0];
    }
    return tables;
  },

  async wide(session, plan, columns): Promise<WideResult> {
    const select = ["COUNT(*) AS n", ...columns.flatMap((c, i) => columnExpressions(c, i, plan))];
    const [row] = await session.query<Record<string, unknown>>(`SELECT ${select.join(", ")} FROM ${plan.ref}${filter(plan)}`);
    return decodeWideRow(row, columns, plan.exactDistinct);
  },

  async quantiles(session, plan, column) {
    const q = quote(column.name);
    const expr = column.kind === "time" ? epoch(q) : q;
    // The percentile subsample hashes the key with a salt, so it never lines up with the sampler.
    const subsample = plan.key && plan.quantileModulus > 1 ? `CRC32(CONCAT(${quote(plan.key.name)}, 'q')) % ${plan.quantileModulus} = 0` : "";
    // One ROW_NUMBER() sort per column (MariaDB's PERCENTILE_DISC is a window function that would
    // sort once per percentile); a row is kept when it is percentile_disc's pick for some k/100,
    // i.e. when ⌊100·rn/n⌋ steps up at it, in integer arithmetic.
    const rows = await session.query<{ rn: unknown; v: unknown; n: unknown }>(
      `SELECT rn, v, n FROM (SELECT ${expr} AS v, ROW_NUMBER() OVER (ORDER BY ${expr}) AS rn, COUNT(*) OVER () AS n
         FROM ${plan.ref}${filter(plan, [`${q} IS NOT NULL`, subsample].filter(Boolean).join(" AND "))}) x
        WHERE rn = 1 OR (rn * 100) DIV n > ((rn - 1) * 100) DIV n`,
    );
    if (rows.length === 0) return { values: [], rows: 0 };
    const n = Number(rows[0].n);
    const byPosition = new Map(rows.map((r) => [Number(r.rn), Number(r.v)]));
    const values = QUANTILE_FRACTIONS.map((f) => byPosition.get(discPosition(f, n)) ?? NaN);
    return { values: values.every(Number.isFinite) ? values : [], rows: n };
  },

  async top(session, plan, column, limit) {
    const q = quote(column.name);
    const rows = await session.query<{ v: unknown; n: unknown }>(
      `SELECT ${q} AS v, COUNT(*) AS n FROM ${plan.ref}${filter(plan, `${q} IS NOT NULL`)} GROUP BY ${q} ORDER BY n DESC, v LIMIT ${Math.round(limit)}`,
    );
    return rows.map((r) => ({ value: String(r.v), count: Number(r.n) }));
  },

  async newest(session, plan, column) {
    const q = quote(column.name);
    const unsampled: ReadPlan = { ...plan, sample: { method: "full", percent: 100 } };
    const [row] = await session.query<{ v: unknown }>(`SELECT ${epoch(`MAX(${q})`)} AS v FROM ${plan.ref}${filter(unsampled)}`);
    return toNumber(row?.v);
  },
};
