import { DIMENSIONS, RATINGS, type Dimension, type Rating } from "../types.js";
import type { RatingWeek } from "./model.js";
import { asOf, weekEnd, weeksBetween, type MapSeries } from "./series.js";

/**
 * Per dimension and week, how many services were rated each way at the week's end (each by its
 * newest audit so far). Counting services, not audits, keeps a service audited hourly from
 * outweighing one audited weekly.
 */
export function ratingsOverTime(series: MapSeries[], since: string, until: string): Record<Dimension, RatingWeek[]> {
  const weeks = weeksBetween(since, until);
  const out = {} as Record<Dimension, RatingWeek[]>;
  for (const d of DIMENSIONS) {
    out[d] = weeks.map((week) => {
      // The last week ends now: an audit from this very moment counts.
      const end = weekEnd(week) < until ? weekEnd(week) : new Date(Date.parse(until) + 1).toISOString();
      const counts = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
      for (const s of series) {
        const audit = asOf(s, end);
        if (audit) counts[audit.overall[d].rating]++;
      }
      return { week, counts };
    });
  }
  return out;
}
