import type { JsonValue } from "../types.js";
import type { RedTests, Review, TracedIncidents } from "./model.js";
import { kindOf, type MapSeries } from "./series.js";

type Incident = { id?: string; date: string; summary: string };

function incidentOf(value: JsonValue | undefined): Incident | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, JsonValue>;
  if (typeof v.date !== "string" || typeof v.summary !== "string") return undefined;
  return { ...(typeof v.id === "string" ? { id: v.id } : {}), date: v.date, summary: v.summary };
}

const incidentKey = (i: Incident) => i.id ?? `${i.date} ${i.summary}`;

/**
 * What the evidence probes said through the window: incidents the incidents probe traced to
 * each entry (and those it traced to none), and tests that went staging-green/production-red,
 * by the entry that declares them. Each incident and test is counted once however many audits
 * repeated it.
 */
export function evidenceHistory(series: MapSeries[]): { incidents: Review["incidents"]; redTests: RedTests[] } {
  const traced = new Map<string, TracedIncidents>();
  const untraced = new Map<string, { service: string; subject: string; date?: string; summary: string }>();
  const red = new Map<string, RedTests & { seen: Set<string> }>();
  for (const s of series) {
    for (const audit of s.audits) {
      for (const pair of audit.pairs) {
        for (const f of pair.findings) {
          const kind = kindOf(pair, f);
          if (kind === "incidents" && f.kind === "measurement" && f.aspect === "traced") {
            const entry = f.entry?.id ?? f.subject;
            const key = `${s.service}\u0000${entry}`;
            const item = traced.get(key) ?? { service: s.service, entry, incidents: [] };
            const list = Array.isArray(f.evidence?.production) ? f.evidence.production : [];
            for (const i of list.map(incidentOf)) if (i && !item.incidents.some((x) => incidentKey(x) === incidentKey(i))) item.incidents.push(i);
            traced.set(key, item);
          } else if (kind === "incidents" && f.kind === "gap" && f.aspect === "untraced") {
            const i = incidentOf(f.evidence?.production);
            untraced.set(`${s.service}\u0000${f.subject}`, { service: s.service, subject: f.subject, ...(i ? { date: i.date } : {}), summary: i?.summary ?? f.message });
          } else if (kind === "tests" && f.kind === "gap" && f.aspect === "staging-green-production-red") {
            const entry = f.declared ? f.entry?.id : undefined;
            const key = `${s.service}\u0000${entry ?? ""}`;
            const item = red.get(key) ?? { service: s.service, ...(entry ? { entry } : {}), tests: [], audits: 0, seen: new Set<string>() };
            if (!item.tests.includes(f.subject)) item.tests.push(f.subject);
            if (!item.seen.has(audit.generatedAt)) {
              item.seen.add(audit.generatedAt);
              item.audits++;
            }
            red.set(key, item);
          }
        }
      }
    }
  }
  for (const t of traced.values()) t.incidents.sort((a, b) => a.date.localeCompare(b.date));
  return {
    incidents: { traced: [...traced.values()].sort((a, b) => b.incidents.length - a.incidents.length || a.service.localeCompare(b.service)), untraced: [...untraced.values()].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "")) },
    redTests: [...red.values()].map(({ seen: _seen, ...r }) => ({ ...r, tests: r.tests.sort() })).sort((a, b) => b.tests.length - a.tests.length || a.service.localeCompare(b.service)),
  };
}
