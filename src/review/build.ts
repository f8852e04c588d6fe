import type { Audit } from "../types.js";
import { entryHistory } from "./entries.js";
import { evidenceHistory } from "./evidence.js";
import { gapLives, gapSummary } from "./gaps.js";
import type { Review } from "./model.js";
import { actionItems, investments } from "./ranking.js";
import { ratingsOverTime } from "./ratings.js";
import { seriesOf } from "./series.js";

/** The quarterly parity review from the audits saved in a window (oldest first). */
export function buildReview(audits: Audit[], since: Date, now: Date): Review {
  const sinceIso = since.toISOString();
  const until = now.toISOString();
  const series = seriesOf(audits);
  // Weeks start at the first saved audit: a year's window over a month of history is a month of rows.
  const earliest = audits.map((a) => a.generatedAt).sort()[0] ?? sinceIso;
  const start = earliest > sinceIso ? earliest : sinceIso;
  const lives = gapLives(series, sinceIso, until);
  const entries = entryHistory(series);
  const evidence = evidenceHistory(series);
  const stale = series.flatMap((s) => s.audits.at(-1)!.upkeep.stale.map((u) => ({ service: s.service, entry: u.entry, ...(u.owner ? { owner: u.owner } : {}), detail: u.detail })));
  const ranked = investments({ series, lives, traced: evidence.incidents.traced, redTests: evidence.redTests, until });
  return {
    kind: "parity-review",
    schemaVersion: 1,
    generatedAt: until,
    since: sinceIso,
    until,
    audits: audits.length,
    services: series.map((s) => {
      const last = s.audits.at(-1)!;
      return { service: s.service, map: s.map, audits: s.audits.length, first: s.audits[0]!.generatedAt, last: last.generatedAt, passed: last.verdict.passed, exitCode: last.verdict.exitCode, summary: last.verdict.summary };
    }),
    ratings: ratingsOverTime(series, start, until),
    gaps: gapSummary(lives, start, until),
    entries,
    incidents: evidence.incidents,
    redTests: evidence.redTests,
    investments: ranked,
    actions: actionItems(ranked, entries.overdue, stale),
  };
}
