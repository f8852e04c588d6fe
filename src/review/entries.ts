import type { Audit, EntrySummary } from "../types.js";
import type { EntryChange, EntryView, Review } from "./model.js";
import type { MapSeries } from "./series.js";

/** The entries an audit shows (through the findings filed under them), by id. */
function entriesIn(audit: Audit): Map<string, EntrySummary> {
  const out = new Map<string, EntrySummary>();
  for (const pair of audit.pairs) for (const f of pair.findings) if ("entry" in f && f.entry) out.set(f.entry.id, f.entry);
  return out;
}

const FIELDS: Array<keyof EntrySummary> = ["summary", "dimension", "impact", "status", "owner", "mitigation", "reviewBy"];

function changes(before: EntrySummary, after: EntrySummary): string[] {
  return FIELDS.filter((k) => before[k] !== after[k]).map((k) => `${k} ${before[k] === undefined ? "(none)" : String(before[k])} → ${after[k] === undefined ? "(none)" : String(after[k])}`);
}

function view(service: string, map: string, e: EntrySummary, firstSeen: string): EntryView {
  return { service, map, id: e.id, summary: e.summary, dimension: e.dimension, impact: e.impact, status: e.status, ...(e.owner ? { owner: e.owner } : {}), ...(e.reviewBy ? { reviewBy: e.reviewBy } : {}), overdue: e.overdue, firstSeen };
}

/**
 * Map entries through the window, as the audits saw them: added (absent from the map's first
 * audit of the window, present later), changed (impact, status, owner, mitigation, review date
 * or wording differ between two audits), overdue (in each map's newest audit).
 */
export function entryHistory(series: MapSeries[]): Review["entries"] {
  const added: EntryView[] = [];
  const changed: EntryChange[] = [];
  const overdue: EntryView[] = [];
  let current = 0;
  for (const s of series) {
    const first = entriesIn(s.audits[0]!);
    const known = new Map<string, { entry: EntrySummary; since: string }>();
    for (const audit of s.audits) {
      for (const [id, entry] of entriesIn(audit)) {
        const prior = known.get(id);
        if (!prior) {
          known.set(id, { entry, since: audit.generatedAt });
          if (!first.has(id)) added.push(view(s.service, s.map, entry, audit.generatedAt));
          continue;
        }
        const diff = changes(prior.entry, entry);
        if (diff.length) changed.push({ service: s.service, entry: id, date: audit.generatedAt, changes: diff });
        known.set(id, { entry, since: prior.since });
      }
    }
    const last = s.audits.at(-1)!;
    const lastEntries = entriesIn(last);
    current += last.upkeep.entries;
    for (const [id, entry] of lastEntries) if (entry.overdue) overdue.push(view(s.service, s.map, entry, known.get(id)?.since ?? last.generatedAt));
    // An overdue entry with no finding in the last audit (its probe did not run) still counts.
    for (const u of last.upkeep.overdue) {
      if (lastEntries.has(u.entry)) continue;
      const seen = known.get(u.entry)?.entry;
      overdue.push({ service: s.service, map: s.map, id: u.entry, summary: seen?.summary ?? "", dimension: seen?.dimension ?? "test-reliability", impact: seen?.impact ?? "low", status: seen?.status ?? "open", ...(u.owner ? { owner: u.owner } : {}), ...(u.reviewBy ? { reviewBy: u.reviewBy } : {}), overdue: true, firstSeen: known.get(u.entry)?.since ?? last.generatedAt });
    }
  }
  return { added, changed, overdue, current };
}
