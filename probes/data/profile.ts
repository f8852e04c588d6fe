import type { DatabaseSession } from "../database/session.js";
import { matchesAny } from "../../src/glob.js";
import type { CatalogColumn, CatalogTable, DialectProfiler, ReadPlan } from "./dialect.js";
import type { ColumnProfile, DataOptions, TableOptions, TableProfile } from "./types.js";
import { EXACT_DISTINCT_ROWS, QUANTILE_ROWS, isCategorical, keyKind, planSample, shouldShowValues, valueHash } from "./plan.js";
import { ProbeError } from "../../src/errors.js";
import { findSecrets } from "../../src/secret-scan.js";
import { compileWhere } from "./where.js";
import { topCategories } from "./top-categories.js";

/** Profiles one table: one wide aggregate, then bounded extras (top categories, newest value, MySQL percentiles). */
export async function profileTable(
  session: DatabaseSession,
  dialect: DialectProfiler,
  options: DataOptions,
  table: TableOptions,
  catalog: CatalogTable | undefined,
  step: { current: string },
  hash: (value: string) => string = valueHash,
): Promise<TableProfile> {
  const started = performance.now();
  const startStatements = session.statements;
  const base = { name: table.name, where: table.where, timestampColumn: table.timestampColumn, keyColumn: table.keyColumn };
  if (!catalog) {
    return { ...base, exists: false, rows: 0, rowsExact: true, sample: { method: "full", percent: 100, rows: 0 }, columns: [], missingColumns: [], durationMs: 0, statements: 0 };
  }
  const byName = new Map(catalog.columns.map((c) => [c.name, c]));
  const wanted = table.columns ?? catalog.columns.map((c) => c.name);
  if (table.timestampColumn && !wanted.includes(table.timestampColumn)) wanted.push(table.timestampColumn);
  const columns = wanted.map((n) => byName.get(n)).filter((c): c is CatalogColumn => c !== undefined);
  const missingColumns = wanted.filter((n) => !byName.has(n));
  const tsColumn = table.timestampColumn ? byName.get(table.timestampColumn) : undefined;
  if (tsColumn && tsColumn.kind !== "time") {
    throw new ProbeError(`timestampColumn "${tsColumn.name}" of ${table.name} is ${tsColumn.type}, not a date or time column`);
  }
  const keyName = table.keyColumn ?? catalog.primaryKey;
  if (table.keyColumn && !byName.has(table.keyColumn)) throw new ProbeError(`keyColumn "${table.keyColumn}" is not a column of ${table.name}`);
  const key = keyName ? byName.get(keyName) : undefined;

  const sample = planSample(options.sample, catalog.estimatedRows, session.dialect, key && keyKind(key));
  const profiledEstimate = (catalog.estimatedRows * sample.percent) / 100;
  // Percentiles cost a sort each: only for the columns the comparison uses (not keys and foreign
  // keys, whose values are identifiers; the timestamp column's tell how unlikely a stale copy is).
  const quantileColumns = new Set(
    columns.filter((c) => (c.kind === "numeric" || c.kind === "time") && c.name !== keyName && !c.reference).map((c) => c.name),
  );
  const quantileModulus = key && profiledEstimate > 2 * QUANTILE_ROWS ? Math.round(profiledEstimate / QUANTILE_ROWS) : 1;
  // The condition as parsed and regenerated for this server, its columns checked against the catalog.
  const where = table.where === undefined ? undefined : compileWhere(table.where, session.dialect, table.name, catalog.columns.map((c) => c.name));
  const plan: ReadPlan = { ref: catalog.ref, sample, where, key, exactDistinct: profiledEstimate <= EXACT_DISTINCT_ROWS, primaryKey: catalog.primaryKey, quantileColumns, quantileModulus };

  step.current = `the profile query of ${table.name}`;
  const wide = await dialect.wide(session, plan, columns);
  const profiles: ColumnProfile[] = columns.map((c) => {
    const w = wide.columns.get(c.name) ?? {};
    return { name: c.name, type: c.type, kind: c.kind, nulls: w.nulls ?? 0, distinct: w.distinct ?? null, distinctExact: plan.exactDistinct && sample.method === "full", ...w };
  });

  // Percentiles the wide query could not compute (MySQL): one statement for all such columns.
  const sorted = columns.filter((c, i) => quantileColumns.has(c.name) && !profiles[i]!.quantiles);
  if (sorted.length && dialect.quantiles) {
    step.current = `the percentiles of ${table.name} (${sorted.map((c) => c.name).join(", ")})`;
    // The aggregate's non-null counts, so the percentile statement need not count again.
    const counts = new Map(profiles.map((p) => [p.name, { rows: wide.rows, nonNull: wide.rows - p.nulls }]));
    const found = await dialect.quantiles(session, plan, sorted, counts);
    for (const p of profiles) {
      const q = found.get(p.name);
      if (q) Object.assign(p, { quantiles: q.values, quantileRows: q.rows });
    }
  }

  const categorical = columns.flatMap((column, i) => (isCategorical(column.kind, profiles[i]!.distinct, wide.rows - profiles[i]!.nulls) ? [{ column, profile: profiles[i]! }] : []));
  const tops = await topCategories(session, dialect, plan, table.name, categorical.map(({ column, profile }) => ({ column, distinct: profile.distinct })), options.topCategories, step);
  for (const { column: c, profile } of categorical) {
    const top = tops.get(c.name) ?? [];
    const nonNull = wide.rows - profile.nulls;
    const complete = top.length < options.topCategories;
    const show = shouldShowValues(options, table, c.name, c.kind, matchesAny);
    const listed = top.reduce((s, t) => s + t.count, 0);
    // A column shown by showValues may still hold tokens (an api_key column someone listed):
    // a value that looks like a credential is kept by its hash only.
    const secrets = show ? await findSecrets(top.map((t) => t.value)) : [];
    const visible = (value: string) => show && !secrets.some((secret) => value.includes(secret));
    // Twelve hex digits, as reports have always shown them (#ea276d05bb85): plenty for 200 values a column.
    const short = (value: string) => hash(value).slice(0, 12);
    profile.categories = {
      top: top.map((t) => (visible(t.value) ? { value: t.value, hash: short(t.value), count: t.count } : { hash: short(t.value), count: t.count })),
      other: Math.max(0, nonNull - listed),
      complete,
      masked: !show,
    };
    if (complete) {
      profile.distinct = top.length;
      profile.distinctExact = sample.method === "full";
    }
  }

  let newest: number | null | undefined;
  if (tsColumn) {
    step.current = `the newest ${table.name}.${tsColumn.name}`;
    newest = sample.method === "full" ? (profiles.find((p) => p.name === tsColumn.name)?.max ?? null) : await dialect.newest(session, plan, tsColumn);
  }
  const full = sample.method === "full";
  return {
    ...base,
    exists: true,
    keyColumn: keyName,
    rows: full ? wide.rows : Math.round((wide.rows * 100) / sample.percent),
    rowsExact: full,
    sample: { ...sample, rows: wide.rows },
    newest,
    columns: profiles,
    missingColumns,
    durationMs: Math.round(performance.now() - started),
    statements: session.statements - startStatements,
  };
}
