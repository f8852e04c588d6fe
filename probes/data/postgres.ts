import type { DatabaseSession } from "../database/session.js";
import type { CatalogColumn, CatalogTable, DialectProfiler, ReadPlan, WideResult } from "./dialect.js";
import type { ColumnKind } from "./types.js";
import { decodeWideRow } from "./wide-row.js";
import { DISTINCT_BUCKETS, QUANTILE_FRACTIONS, SAMPLE_SEED, toNumber } from "./plan.js";

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
function hashExpression(c: CatalogColumn, q: string): string {
  const t = c.type;
  if (t === "bigint") return `hashint8(${q})`;
  if (t === "integer") return `hashint4(${q})`;
  if (t === "smallint") return `hashint2(${q})`;
  // hash_numeric's low bits are uneven on money-like values (16% off on a 25k-value column);
  // hashing the float8 is fast and even.
  if (t.startsWith("numeric")) return `hashfloat8(${q}::float8)`;
  if (t === "double precision") return `hashfloat8(${q})`;
  if (t === "real") return `hashfloat4(${q})`;
  if (t.startsWith("timestamp")) return `timestamp_hash(${q}::timestamp)`; // an estimate: a DST fold may merge two instants
  if (t === "date") return `hashint4(${q} - date '2000-01-01')`;
  return `hashtext(${q}::text)`;
}

/** Per-column select expressions: one pass over the table computes all of them. */
function columnExpressions(c: CatalogColumn, i: number, plan: ReadPlan, key: CatalogColumn | undefined): string[] {
  const q = quote(c.name);
  const out = [`count(${q}) AS nn${i}`];
  if (c.kind !== "other") {
    // Distinctness does not depend on the collation (PostgreSQL's libc and default ICU collations
    // are deterministic), but sorting under "C" is ~3× faster than under a locale.
    const v = c.kind === "text" ? `${q}::text COLLATE "C"` : q;
    // Exact count(DISTINCT) sorts every value on one core; above a few hundred thousand rows
    // count the distinct values of one hash bucket in 64 and scale up (within a few percent).
    out.push(
      plan.exactDistinct
        ? `count(DISTINCT ${v}) AS d${i}`
        : `count(DISTINCT ${v}) FILTER (WHERE (${hashExpression(c, q)} & ${DISTINCT_BUCKETS - 1}) = 0) AS d${i}`,
    );
  }
  const subsample = key && plan.quantileModulus > 1 ? `(${hashExpression(key, quote(key.name))} & 2147483647) % ${plan.quantileModulus} = 0` : "";
  const qfilter = subsample ? ` FILTER (WHERE ${subsample} AND ${q} IS NOT NULL)` : "";
  const percentiles = (expr: string) => [
    `(percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY ${expr})${qfilter})::float8[] AS q${i}`,
    subsample ? `count(${q}) FILTER (WHERE ${subsample}) AS qn${i}` : `count(${q}) AS qn${i}`,
  ];
  if (c.kind === "numeric") {
    // money has no cast to float8; through numeric it has.
    const n = c.type === "money" ? `${q}::numeric` : q;
    out.push(`min(${n})::float8 AS lo${i}`, `max(${n})::float8 AS hi${i}`, `avg(${n}::float8) AS mean${i}`, `stddev_samp(${n}::float8) AS sd${i}`);
    // Sorting float8 is ~2× faster than sorting numeric, and the sketch is float8 anyway.
    if (plan.quantileColumns.has(c.name)) out.push(...percentiles(`${n}::float8`));
  } else if (c.kind === "time") {
    out.push(`date_part('epoch', min(${q})) AS lo${i}`, `date_part('epoch', max(${q})) AS hi${i}`);
    if (plan.quantileColumns.has(c.name)) out.push(...percentiles(`date_part('epoch', ${q})`));
  } else if (c.kind === "text") {
    out.push(`min(length(${q})) AS lmin${i}`, `max(length(${q})) AS lmax${i}`, `avg(length(${q}))::float8 AS lmean${i}`);
  }
  return out;
}

export const postgresProfiler: DialectProfiler = {
  async catalog(session: DatabaseSession, names: string[]) {
    // One query for every table: to_regclass resolves bare names through search_path and yields
    // NULL (not an error) for a table that does not exist.
    const rows = await session.query<{
      name: string; ref: string; reltuples: number; pages: number; column: string; type: string; category: string; pk: boolean; fk: boolean;
    }>(
      `SELECT x.name, c.oid::regclass::text AS ref, c.reltuples::float8 AS reltuples, c.relpages::float8 AS pages,
              a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory AS category,
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
      t.columns.push({ name: r.column, type: r.type, kind: kindOf(r.category, r.type), reference: r.fk });
      if (r.pk) t.primaryKey = r.column;
    }
    return tables;
  },

  async wide(session, plan, columns): Promise<WideResult> {
    const select = ["count(*) AS n", ...columns.flatMap((c, i) => columnExpressions(c, i, plan, plan.key))];
    const params = plan.quantileColumns.size > 0 ? [QUANTILE_FRACTIONS] : [];
    const [row] = await session.query<Record<string, unknown>>(`SELECT ${select.join(", ")} FROM ${source(plan)}${filter(plan)}`, params);
    return decodeWideRow(row, columns, plan.exactDistinct);
  },

  async top(session, plan, column, limit) {
    const q = quote(column.name);
    const rows = await session.query<{ v: string; n: string }>(
      `SELECT ${q}::text AS v, count(*) AS n FROM ${source(plan)}${filter(plan, `${q} IS NOT NULL`)} GROUP BY ${q} ORDER BY count(*) DESC, ${q} LIMIT $1`,
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
