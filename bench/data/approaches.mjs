// The profiling approaches the benchmark races, on the same table and the same session type.
import { CATEGORICAL, COLUMNS } from "./tables.mjs";

const QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
const all = [...COLUMNS.numeric, ...COLUMNS.time, ...COLUMNS.text];

/** count(*): the floor any profile of every row pays. */
export async function bareScan(session) {
  await session.query("SELECT count(*) AS n FROM bench_tx");
}

/**
 * What an expert writes by hand: one statement with every metric, exact distinct counts, and
 * seven percentiles per numeric and time column. MariaDB has no ordered-set aggregate, so there the
 * expert adds one ROW_NUMBER() sort per such column (5× faster than PERCENTILE_CONT windows).
 */
export async function expertProfile(session, dialect) {
  const pgsql = dialect === "postgres";
  const parts = ["count(*) AS n"];
  for (const c of all) parts.push(`count(${c})`, `count(DISTINCT ${c}) AS d_${c}`);
  for (const c of COLUMNS.numeric) parts.push(`min(${c})`, `max(${c})`, `avg(${c})`, `stddev_samp(${c})`);
  for (const c of COLUMNS.time) parts.push(`min(${c})`, `max(${c})`);
  for (const c of COLUMNS.text) parts.push(`min(${pgsql ? "length" : "CHAR_LENGTH"}(${c}))`, `max(${pgsql ? "length" : "CHAR_LENGTH"}(${c}))`, `avg(${pgsql ? "length" : "CHAR_LENGTH"}(${c}))`);
  if (pgsql) {
    for (const c of [...COLUMNS.numeric, ...COLUMNS.time]) parts.push(`percentile_disc(ARRAY[${QUANTILES}]) WITHIN GROUP (ORDER BY ${c})`);
    const [row] = await session.query(`SELECT ${parts.join(", ")} FROM bench_tx`);
    return row;
  }
  const [row] = await session.query(`SELECT ${parts.join(", ")} FROM bench_tx`);
  for (const c of [...COLUMNS.numeric, ...COLUMNS.time]) await mysqlQuantiles(session, c, Number(row.n));
  return row;
}

async function mysqlQuantiles(session, column, n) {
  const positions = QUANTILES.map((q) => Math.max(1, Math.ceil(q * n)));
  await session.query(`SELECT rn, v FROM (SELECT ${column} AS v, ROW_NUMBER() OVER (ORDER BY ${column}) AS rn FROM bench_tx WHERE ${column} IS NOT NULL) x WHERE rn IN (${positions})`);
}

/** What common profilers do (one query per metric per column): the same metrics, many scans. */
export async function perMetricProfile(session, dialect) {
  const pgsql = dialect === "postgres";
  const len = pgsql ? "length" : "CHAR_LENGTH";
  const one = (expr, where = "") => session.query(`SELECT ${expr} AS v FROM bench_tx${where}`);
  const [{ v: n }] = await one("count(*)");
  for (const c of all) {
    await one("count(*)", ` WHERE ${c} IS NULL`);
    await one(`count(DISTINCT ${c})`);
  }
  for (const c of COLUMNS.numeric) for (const f of ["min", "max", "avg", "stddev_samp"]) await one(`${f}(${c})`);
  for (const c of COLUMNS.time) for (const f of ["min", "max"]) await one(`${f}(${c})`);
  for (const c of COLUMNS.text) for (const f of ["min", "max", "avg"]) await one(`${f}(${len}(${c}))`);
  for (const c of [...COLUMNS.numeric, ...COLUMNS.time]) {
    if (pgsql) await one(`percentile_disc(ARRAY[${QUANTILES}]) WITHIN GROUP (ORDER BY ${c})`);
    else await mysqlQuantiles(session, c, Number(n));
  }
  for (const c of CATEGORICAL) await session.query(`SELECT ${c}, count(*) AS n FROM bench_tx GROUP BY ${c} ORDER BY n DESC LIMIT 200`);
}
