import type { DatabaseSession } from "../database/session.js";
import type { CatalogColumn, CatalogTable, DialectProfiler, ReadPlan, WideResult } from "./dialect.js";
import type { ColumnKind } from "./types.js";
import { decodeWideRow } from "./wide-row.js";
import { DISTINCT_BUCKETS, QUANTILE_FRACTIONS, SAMPLE_SEED, countsDistinct, toNumber } from "./plan.js";

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * pg_type.typcategory → how the column is profiled. Category N also holds the object-identifier
 * types (oid, regclass, regproc …): numbers that name catalog rows, with no cast to float8 and
 * no meaningful distribution, so they are profiled like other identifiers (NULLs only).
 */
function kindOf(category: string, type: string): ColumnKind {
  if (category === "N") return type === "oid" || type.startsWith("reg") ? "other" : "numeric";
  if (category === "D") return "time";
  if (category === "S" || category === "E") return "text";
  if (category === "B") return "boolean";
  return "other";
}

function source(plan: ReadPlan): string {
  const { method, percent } = plan.sample;
  const sample = method === "system" || method === "bernoulli" ? ` TABLESAMPLE ${method.toUpperCase()} (${percent}) REPEATABLE (${SAMPLE_SEED})` : "";
  return `${plan.ref}${sample}`;
}

const filter = (plan: ReadPlan, extra?: string) => {
  const parts = [plan.where ? `(${plan.where})` : "", extra ?? ""].filter(Boolean);
  return parts.length ? ` WHERE ${parts.join(" AND ")}` : "";
};

/**
 * The column's own hash-opclass function where there is one: hashtext(col::text) would first
 * print every number or timestamp as text (2–3× slower on a million rows).
 */
function hashExpression(c: CatalogColumn, q: string, asFloat8 = `${q}::float8`): string {
  const t = c.type;
  if (t === "bigint") return `hashint8(${q})`;
  if (t === "integer") return `hashint4(${q})`;
  if (t === "smallint") return `hashint2(${q})`;
  // hash_numeric's low bits are uneven on money-like values (16% off on a 25k-value column);
  // hashing the float8 is fast and even.
  if (t.startsWith("numeric")) return `hashfloat8(${asFloat8})`;
  if (t === "double precision") return `hashfloat8(${q})`;
  if (t === "real") return `hashfloat4(${q})`;
  // A timestamptz through the session's time zone would fold two instants of a DST change into
  // one local time, and cost more than the zone-free conversion to UTC (1M rows: 78–100 ms
  // against 55 ms with the session on UTC, more on a zone with DST rules).
  if (t.startsWith("timestamp") && t.endsWith("with time zone")) return `timestamp_hash(${q} AT TIME ZONE 'UTC')`;
  if (t.startsWith("timestamp")) return `timestamp_hash(${q})`;
  if (t === "date") return `hashint4(${q} - date '2000-01-01')`;
  return `hashtext(${q}::text)`;
}

/**
 * How a category is told apart from another: text by its bytes (COLLATE "C"), anything else as
 * itself. A nondeterministic (case-insensitive) collation folds 'EUR' and 'eur' into one group
 * named after whichever row came first, so the same values stored in another order showed as a
 * category only one side has: by bytes the categories (and the distinct counts) are the values
 * as stored, as the MariaDB profiler counts them. It costs nothing: a 1M-row GROUP BY of three
 * text columns took the same on the parallel workers (ten runs each) and 0.36 s instead of
 * 0.58 s without them (the locale's comparisons skipped).
 */
const asStored = (c: CatalogColumn, expr = quote(c.name)): string => (c.kind === "text" ? `${expr}::text COLLATE "C"` : expr);
/** The value as the comparison reads it: the grouped text itself, anything else printed. */
const textOf = (c: CatalogColumn): string => (c.kind === "text" ? asStored(c) : `${quote(c.name)}::text`);

/**
 * The wide statement reads the table through a subquery that computes, once per row, what
 * several aggregates use: each column under a generated name (no user column can collide), its
 * float8 value (numeric → float8 goes through text, and avg, stddev, the percentiles and the
 * distinct hash each converted again), text lengths, epochs and the percentile subsample's key
 * hash. OFFSET 0 keeps the planner from folding it back into the aggregates (and evaluating every
 * expression per aggregate again): 30% off the full profile of a million rows (bench/data.mjs).
 */
interface Projection {
  /** `expression AS name` for the subquery. */
  select: string[];
  /** The aggregates over the subquery's names. */
  aggregates: string[];
}

function project(columns: CatalogColumn[], plan: ReadPlan): Projection {
  const select: string[] = [];
  const aggregates = ["count(*) AS n"];
  const subsample = plan.key && plan.quantileModulus > 1 ? "sub" : "";
  if (subsample) select.push(`(${hashExpression(plan.key!, quote(plan.key!.name))} & 2147483647) % ${plan.quantileModulus} = 0 AS sub`);
  // Every aggregate costs on every row, a count() too: a NOT NULL column's counts are the row
  // counts, read once (n; qn for a subsample), not per column (the bench table's six NOT NULL
  // columns: ~9% off its 1M-row full profile, eight runs each). decodeWideRow reads them back.
  if (subsample && columns.some((c) => c.notNull && plan.quantileColumns.has(c.name))) {
    aggregates.push(`count(*) FILTER (WHERE ${subsample}) AS qn`);
  }
  columns.forEach((c, i) => {
    const q = quote(c.name);
    select.push(`${q} AS c${i}`);
    const v = `c${i}`;
    if (!c.notNull) aggregates.push(`count(${v}) AS nn${i}`);
    const quantiles = plan.quantileColumns.has(c.name);
    const percentiles = (expr: string) => {
      const only = subsample ? ` FILTER (WHERE ${[subsample, ...(c.notNull ? [] : [`${v} IS NOT NULL`])].join(" AND ")})` : "";
      aggregates.push(`(percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY ${expr})${only})::float8[] AS q${i}`);
      if (!c.notNull) aggregates.push(subsample ? `count(${v}) FILTER (WHERE ${subsample}) AS qn${i}` : `count(${v}) AS qn${i}`);
    };
    if (c.kind === "numeric") {
      // money has no cast to float8; through numeric it has. float8 is what every aggregate
      // here reads (sorting it is ~2× faster than sorting numeric, and the sketch is float8).
      select.push(`${c.type === "money" ? `${q}::numeric` : q}::float8 AS f${i}`);
      const f = `f${i}`;
      distinct(c, i, v, hashExpression(c, v, f));
      // float8 conversion keeps order, so min(f) is min(value) converted.
      aggregates.push(`min(${f}) AS lo${i}`, `max(${f}) AS hi${i}`, `avg(${f}) AS mean${i}`, `stddev_samp(${f}) AS sd${i}`);
      if (quantiles) percentiles(f);
    } else if (c.kind === "time") {
      distinct(c, i, v);
      aggregates.push(`date_part('epoch', min(${v})) AS lo${i}`, `date_part('epoch', max(${v})) AS hi${i}`);
      // Inside the aggregate, not projected: its FILTER is tested first, so the epoch is taken
      // for the subsample's rows only (1M rows: 0.79 s instead of 0.81–0.88 s, the same result).
      if (quantiles) percentiles(`date_part('epoch', ${v})`);
    } else if (c.kind === "text") {
      distinct(c, i, v);
      select.push(`length(${q}) AS l${i}`);
      aggregates.push(`min(l${i}) AS lmin${i}`, `max(l${i}) AS lmax${i}`, `avg(l${i})::float8 AS lmean${i}`);
    }
  });
  return { select, aggregates };

  function distinct(c: CatalogColumn, i: number, v: string, hash = hashExpression(c, v)) {
    if (!countsDistinct(c, plan)) return;
    // Values as stored (asStored); sorting under "C" is also ~3× faster than under a locale.
    const value = asStored(c, v);
    // Exact count(DISTINCT) sorts every value on one core; above a few hundred thousand rows
    // count the distinct values of one hash bucket in 64 and scale up (within a few percent).
    aggregates.push(plan.exactDistinct ? `count(DISTINCT ${value}) AS d${i}` : `count(DISTINCT ${value}) FILTER (WHERE (${hash} & ${DISTINCT_BUCKETS - 1}) = 0) AS d${i}`);
  }
}

export const postgresProfiler: DialectProfiler = {
  async catalog(session: DatabaseSession, names: string[]) {
    // No JIT for this transaction's statements: a profile is one pass over each table, and the
    // expressions PostgreSQL compiles for it (without optimisation, at the default costs) ran
    // slower than its interpreter — the 1M-row wide aggregate 0.96 s with JIT, 0.84 s without,
    // alternated six times here. SET LOCAL ends with the transaction; servers without the
    // setting (before PostgreSQL 11) are left as they are.
    await session.query("SELECT CASE WHEN current_setting('jit', true) IS NOT NULL THEN set_config('jit', 'off', true) END AS jit");
    // One query for every table: to_regclass resolves bare names through search_path and yields
    // NULL (not an error) for a table that does not exist.
    const rows = await session.query<{
      name: string; ref: string; reltuples: number; pages: number; column: string; type: string; category: string; pk: boolean; fk: boolean; not_null: boolean;
    }>(
      `SELECT x.name, c.oid::regclass::text AS ref, c.reltuples::float8 AS reltuples, c.relpages::float8 AS pages,
              a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory AS category, a.attnotnull AS not_null,
              EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum) AS pk,
              EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' AND a.attnum = ANY (k.conkey)) AS fk
         FROM unnest($1::text[]) AS x(name)
         JOIN pg_class c ON c.oid = to_regclass(x.name)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         JOIN pg_type t ON t.oid = a.atttypid
        ORDER BY x.name, a.attnum`,
      [names],
    );
    const tables = new Map<string, CatalogTable>();
    for (const r of rows) {
      let t = tables.get(r.name);
      if (!t) {
        // reltuples is -1 until the first VACUUM/ANALYZE; fall back to pages × a typical 60 rows a page.
        const estimate = r.reltuples >= 0 ? r.reltuples : r.pages * 60;
        t = { ref: r.ref, estimatedRows: estimate, columns: [] };
        tables.set(r.name, t);
      }
      t.columns.push({ name: r.column, type: r.type, kind: kindOf(r.category, r.type), reference: r.fk, notNull: r.not_null });
      if (r.pk) t.primaryKey = r.column;
    }
    return tables;
  },

  async wide(session, plan, columns): Promise<WideResult> {
    const { select, aggregates } = project(columns, plan);
    const params = aggregates.some((a) => a.includes("$1")) ? [QUANTILE_FRACTIONS] : [];
    const rows = `SELECT ${select.join(", ")} FROM ${source(plan)}${filter(plan)} OFFSET 0`;
    const [row] = await session.query<Record<string, unknown>>(`SELECT ${aggregates.join(", ")} FROM (${rows}) AS profiled`, params);
    return decodeWideRow(row, columns, plan.exactDistinct, plan);
  },

  jointCounts(session, plan, columns) {
    const grouped = columns.map((c) => asStored(c));
    // ::text as the single-column query reads values (a date as 2026-12-01, not as a JS Date).
    return session.query<Record<string, unknown>>(
      `SELECT ${columns.map((c, i) => `${textOf(c)} AS v${i}`).join(", ")}, count(*) AS n FROM ${source(plan)}${filter(plan)} GROUP BY ${grouped.join(", ")}`,
    );
  },

  async top(session, plan, column, limit) {
    const q = quote(column.name);
    const rows = await session.query<{ v: string; n: string }>(
      `SELECT ${textOf(column)} AS v, count(*) AS n FROM ${source(plan)}${filter(plan, `${q} IS NOT NULL`)} GROUP BY ${asStored(column)} ORDER BY count(*) DESC, ${asStored(column)} LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ value: r.v, count: Number(r.n) }));
  },

  async newest(session, plan, column) {
    const q = quote(column.name);
    // Unsampled on purpose, so an index on the column answers it without a scan.
    const [row] = await session.query<{ v: unknown }>(`SELECT date_part('epoch', max(${q})) AS v FROM ${plan.ref}${filter(plan)}`);
    return toNumber(row?.v);
  },
};
