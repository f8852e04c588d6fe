import { plural } from "../assess/words.js";
import { RATINGS, type Rating } from "../types.js";
import type { Review } from "./model.js";

export const day = (iso: string) => iso.slice(0, 10);

/** "12 services and maps, 200 audits from 2026-09-03 to 2026-12-02". */
export function scopeLine(r: Review): string {
  return `${plural(r.services.length, "service")}, ${plural(r.audits, "audit")} from ${day(r.since)} to ${day(r.until)}`;
}

/** "31 gaps opened, 18 closed (median 12 days to close, 90% within 40), 44 still open; 9 declared". */
export function gapLine(r: Review): string {
  const g = r.gaps;
  const close = g.medianDaysToClose === null ? "" : ` (median ${plural(g.medianDaysToClose, "day")} to close, 90% within ${g.p90DaysToClose})`;
  return `${plural(g.opened, "gap")} opened, ${g.closed} closed${close}, ${g.open} still open; ${g.declared} undeclared gap${g.declared === 1 ? "" : "s"} declared in the window`;
}

/** "2 high · 1 medium · 3 low" for a week's ratings, zeros left out. */
export function ratingCounts(counts: Record<Rating, number>, badge?: Record<Rating, string>): string {
  const parts = RATINGS.filter((r) => counts[r]).map((r) => `${badge ? `${badge[r]} ` : ""}${counts[r]} ${r === "unknown" ? "unknown" : r}`);
  return parts.length ? parts.join(" · ") : "—";
}
