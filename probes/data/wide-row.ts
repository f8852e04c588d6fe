import type { CatalogColumn, ReadPlan, WideResult } from "./dialect.js";
import { DISTINCT_BUCKETS, toNumber } from "./plan.js";
import type { ColumnProfile } from "./types.js";

/**
 * Reads the one row of a table's wide aggregate back into column profiles. Both dialects name
 * their aggregates alike (per column i: nn = non-null count, d = distinct, lo/hi = min/max,
 * mean/sd, lmin/lmax/lmean = text lengths, and on PostgreSQL q/qn = percentiles and the rows they
 * came from), so the decoding lives here once. A NOT NULL column may come without its nn (it is
 * the row count n) and qn (the subsample's rows, qn, one for all such columns; n without one).
 */
export function decodeWideRow(row: Record<string, unknown>, columns: CatalogColumn[], exactDistinct: boolean, plan: ReadPlan): WideResult {
  const n = toNumber(row.n) ?? 0;
  const result = new Map<string, Partial<ColumnProfile>>();
  columns.forEach((c, i) => {
    const nonNull = toNumber(row[`nn${i}`]) ?? (c.notNull ? n : 0);
    const p: Partial<ColumnProfile> = { nulls: n - nonNull };
    const d = toNumber(row[`d${i}`]);
    if (c.name === plan.primaryKey) {
      // A primary key's values are all distinct (countsDistinct): exact over the whole table.
      p.distinct = nonNull;
      p.distinctExact = plan.sample.method === "full";
    } else {
      // Estimated distincts count one hash bucket in DISTINCT_BUCKETS.
      p.distinct = d === null ? null : exactDistinct ? d : d * DISTINCT_BUCKETS;
    }
    if (c.kind === "numeric" || c.kind === "time") {
      p.min = toNumber(row[`lo${i}`]);
      p.max = toNumber(row[`hi${i}`]);
      const q = row[`q${i}`];
      if (Array.isArray(q)) {
        p.quantiles = q.map(Number);
        p.quantileRows = toNumber(row[`qn${i}`]) ?? (c.notNull ? (toNumber(row.qn) ?? n) : 0);
      }
    }
    if (c.kind === "numeric") {
      p.mean = toNumber(row[`mean${i}`]);
      p.stddev = toNumber(row[`sd${i}`]);
    }
    if (c.kind === "text") p.length = { min: toNumber(row[`lmin${i}`]), max: toNumber(row[`lmax${i}`]), mean: toNumber(row[`lmean${i}`]) };
    result.set(c.name, p);
  });
  return { rows: n, columns: result };
}
