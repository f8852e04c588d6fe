import { daysBetween, looked } from "../history/first-seen.js";
import type { GapFinding } from "../types.js";
import type { GapLife, Review } from "./model.js";
import { kindOf, weekEnd, weeksBetween, type MapSeries } from "./series.js";

/**
 * Each gap's life in the window, per service and map: opened when an audit first showed it (its
 * firstSeen when history dated it, so a gap older than the window says so), closed when a later
 * audit looked where it was (its pair ran, its probe ran cleanly) and did not see it. A gap that
 * comes back is a new life. Declaring an undeclared gap does not close it: it is still a gap.
 */
export function gapLives(series: MapSeries[], since: string, until: string): GapLife[] {
  const lives: GapLife[] = [];
  for (const s of series) {
    const open = new Map<string, GapLife>();
    for (const audit of s.audits) {
      const seen = new Set<string>();
      for (const pair of audit.pairs) {
        for (const f of pair.findings) {
          if (f.kind !== "gap") continue;
          const key = `${pair.name}\u0000${f.id}`;
          seen.add(key);
          const life = open.get(key);
          if (!life) {
            const opened = f.firstSeen && f.firstSeen < audit.generatedAt ? f.firstSeen : audit.generatedAt;
            open.set(key, {
              service: s.service,
              map: s.map,
              id: f.id,
              probe: f.probe,
              probeKind: kindOf(pair, f),
              subject: f.subject,
              aspect: f.aspect,
              dimension: f.dimension,
              risk: f.risk,
              ...(f.declared && f.entry ? { entry: f.entry.id } : {}),
              opened,
              openedBefore: opened < since,
              days: 0,
            });
          } else update(life, f, audit.generatedAt);
        }
      }
      for (const [key, life] of open) {
        if (seen.has(key)) continue;
        const pair = audit.pairs.find((p) => key.startsWith(`${p.name}\u0000`));
        if (!looked(pair, { kind: "gap", probe: life.probe })) continue;
        lives.push({ ...life, closed: audit.generatedAt, days: daysBetween(life.opened, audit.generatedAt) });
        open.delete(key);
      }
    }
    for (const life of open.values()) lives.push({ ...life, days: daysBetween(life.opened, until) });
  }
  return lives.sort((a, b) => a.opened.localeCompare(b.opened) || a.service.localeCompare(b.service) || a.id.localeCompare(b.id));
}

function update(life: GapLife, f: GapFinding, at: string): void {
  life.risk = f.risk;
  if (f.declared && f.entry && !life.entry) {
    life.entry = f.entry.id;
    life.declaredOn = at;
  } else if (!f.declared) delete life.entry;
}

function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function gapSummary(lives: GapLife[], since: string, until: string): Review["gaps"] {
  const closed = lives.filter((l) => l.closed);
  const days = closed.map((l) => l.days).sort((a, b) => a - b);
  const weekly = weeksBetween(since, until).map((week) => {
    const end = weekEnd(week);
    const start = `${week}T00:00:00.000Z`;
    return {
      week,
      open: lives.filter((l) => l.opened < end && (!l.closed || l.closed >= end)).length,
      opened: lives.filter((l) => !l.openedBefore && l.opened >= start && l.opened < end).length,
      closed: lives.filter((l) => l.closed && l.closed >= start && l.closed < end).length,
    };
  });
  return {
    opened: lives.filter((l) => !l.openedBefore).length,
    closed: closed.length,
    open: lives.filter((l) => !l.closed).length,
    medianDaysToClose: percentile(days, 0.5),
    p90DaysToClose: percentile(days, 0.9),
    declared: lives.filter((l) => l.declaredOn).length,
    lives,
    weekly,
  };
}
