/**
 * Dates in evidence files. Hand-written because Date.parse accepts far too much ("Nov 3",
 * "2026-13-45" in some engines) and a lenient parse would silently shift a deploy into the
 * wrong window. Accepted: YYYY-MM-DD, or that plus THH:MM[:SS[.fff]] (a space works too)
 * and an optional Z or ±HH:MM offset; no offset means UTC.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

export const DATE_FORMAT_HINT = "expected an ISO 8601 date such as 2026-11-20 or 2026-11-20T14:03:00Z";

export function parseDate(text: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(frac.slice(0, 3).padEnd(3, "0")));
  // Date.UTC rolls 2026-02-30 over into March; a date that does not round-trip is not a date.
  if (new Date(utc).getUTCDate() !== day) return null;
  return new Date(utc - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

const DAY_MS = 86_400_000;

/** Whether an ISO instant falls in the `windowDays` days before `now` (inclusive; the future is out). */
export function inWindow(iso: string, now: Date, windowDays: number): boolean {
  const t = Date.parse(iso);
  return t <= now.getTime() && t >= now.getTime() - windowDays * DAY_MS;
}
