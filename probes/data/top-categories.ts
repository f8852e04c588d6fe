import type { DatabaseSession } from "../database/session.js";
import type { CatalogColumn, DialectProfiler, ReadPlan } from "./dialect.js";

/** A categorical column's most frequent values, most frequent first. */
export type TopValues = Array<{ value: string; count: number }>;

/**
 * The top values of a table's categorical columns, in as few reads as their value counts allow:
 * columns with few values counted together, one GROUP BY over their combinations (at most
 * JOINT_GROUPS of them) summed per column here; any other alone, its GROUP BY keeping the LIMIT.
 * Three columns of a million rows: one read of 0.16 s instead of three (PostgreSQL runs the joint
 * GROUP BY on its parallel workers); the same on MariaDB. The dialects only say it in SQL.
 */
export async function topCategories(
  session: DatabaseSession,
  dialect: DialectProfiler,
  plan: ReadPlan,
  table: string,
  columns: Array<{ column: CatalogColumn; distinct: number | null }>,
  limit: number,
  step: { current: string },
): Promise<Map<string, TopValues>> {
  const out = new Map<string, TopValues>();
  for (const group of jointGroups(columns, limit)) {
    const names = group.map((g) => g.column.name);
    step.current = group.length === 1 ? `the top categories of ${table}.${names[0]}` : `the top categories of ${table} (${names.join(", ")})`;
    if (group.length === 1) {
      out.set(group[0]!.column.name, await dialect.top(session, plan, group[0]!.column, limit));
      continue;
    }
    const rows = await dialect.jointCounts(session, plan, group.map((g) => g.column));
    group.forEach((g, i) => out.set(g.column.name, marginalTops(rows, `v${i}`, limit)));
  }
  return out;
}

/**
 * A joint GROUP BY's rows summed per value of one of its columns: that column's top values, most
 * frequent first (ties by value), NULLs left out as the single-column count leaves them out.
 */
function marginalTops(rows: ReadonlyArray<Record<string, unknown>>, column: string, limit: number): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    const value = String(v);
    counts.set(value, (counts.get(value) ?? 0) + Number(row.n));
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}

/** At most this many value combinations are counted in one joint GROUP BY. */
const JOINT_GROUPS = 20_000;

/**
 * Categorical columns in groups whose value combinations stay few by their distinct counts. A
 * column that may fill its top list, or whose count is unknown, is counted alone (its GROUP BY
 * keeps the LIMIT); estimated counts are doubled, since a hash-bucket estimate can undercount.
 */
function jointGroups<C extends { distinct: number | null }>(columns: C[], limit: number): C[][] {
  const groups: C[][] = [];
  let current: C[] = [];
  let product = 1;
  for (const c of [...columns].sort((a, b) => (a.distinct ?? Infinity) - (b.distinct ?? Infinity))) {
    const d = c.distinct === null ? Infinity : Math.max(1, c.distinct) * 2;
    if (d >= limit) groups.push([c]);
    else {
      if (product * d > JOINT_GROUPS && current.length) {
        groups.push(current);
        current = [];
        product = 1;
      }
      current.push(c);
      product *= d;
    }
  }
  if (current.length) groups.push(current);
  return groups;
}

