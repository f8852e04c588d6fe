import { UsageError } from "../errors.js";

const UNIT_DAYS: Record<string, number> = { d: 1, w: 7, m: 30, y: 365 };

/** `--since 90d` (days, weeks, months of 30 days, years) or `--since 2026-09-01`: the window's start. */
export function parseSince(value: string, now: Date, flag = "--since"): Date {
  const relative = /^(\d+)\s*([dwmy])$/i.exec(value.trim());
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_DAYS[relative[2]!.toLowerCase()]! * 86_400_000);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(value.trim())) {
    const date = new Date(value.trim().length === 10 ? `${value.trim()}T00:00:00Z` : value.trim());
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new UsageError(`${flag} "${value}": give a span back from now (90d, 12w, 3m, 1y) or a date (2026-09-01)`);
}
