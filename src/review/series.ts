import { mapKey } from "../history/store.js";
import type { Audit, Finding, PairAudit } from "../types.js";

/** One service's audits through the window, oldest first. */
export interface MapSeries {
  service: string;
  map: string;
  audits: Audit[];
}

/** The audits grouped by service and map, each series oldest first. */
export function seriesOf(audits: Audit[]): MapSeries[] {
  const out = new Map<string, MapSeries>();
  for (const audit of [...audits].sort((a, b) => a.generatedAt.localeCompare(b.generatedAt))) {
    const key = `${audit.service}\u0000${mapKey(audit.map)}`;
    const series = out.get(key) ?? { service: audit.service, map: mapKey(audit.map), audits: [] };
    series.audits.push(audit);
    out.set(key, series);
  }
  return [...out.values()].sort((a, b) => a.service.localeCompare(b.service) || a.map.localeCompare(b.map));
}

/** The probe kind behind a finding (`config`, `tests`, `incidents` …), from the pair's probe runs. */
export function kindOf(pair: PairAudit, f: Finding): string {
  return pair.probes.find((r) => r.id === f.probe)?.kind ?? (f.probe || "map");
}

/** Monday 00:00 UTC of the instant's week, as `2026-09-07`. */
export function weekOf(iso: string): string {
  const d = new Date(iso);
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
  return monday.toISOString().slice(0, 10);
}

/** Every week from the one holding `since` to the one holding `until`. */
export function weeksBetween(since: string, until: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${weekOf(since)}T00:00:00Z`); t <= Date.parse(until); t += 7 * 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The end of a week (the next Monday), as an ISO instant. */
export function weekEnd(week: string): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + 7 * 86_400_000).toISOString();
}

/** The newest audit of the series at or before an instant. */
export function asOf(series: MapSeries, iso: string): Audit | undefined {
  let found: Audit | undefined;
  for (const a of series.audits) if (a.generatedAt < iso) found = a;
  return found;
}
