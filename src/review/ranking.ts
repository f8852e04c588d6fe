import { plural } from "../assess/words.js";
import { daysBetween } from "../history/first-seen.js";
import type { Risk } from "../types.js";
import type { ActionItem, EntryView, GapLife, Investment, RedTests, TracedIncidents } from "./model.js";
import type { MapSeries } from "./series.js";

const RISK: Record<string, number> = { high: 3, medium: 2, low: 1 };
const riskOf = (r: Risk | null | undefined) => RISK[r ?? ""] ?? 0;

interface Inputs {
  series: MapSeries[];
  lives: GapLife[];
  traced: TracedIncidents[];
  redTests: RedTests[];
  until: string;
}

/**
 * Who should take a gap no entry owns yet: the owner of most of the map's entries on the same
 * probe (the team already answering for that probe's gaps), else of most of the map's entries.
 * A proposal, and said to be one.
 */
function proposedOwner(series: MapSeries[], service: string, probe: string): string | undefined {
  const onProbe = new Map<string, number>();
  const anywhere = new Map<string, number>();
  for (const s of series.filter((x) => x.service === service)) {
    for (const pair of s.audits.at(-1)!.pairs) {
      for (const f of pair.findings) {
        if (!("entry" in f) || !f.entry?.owner) continue;
        anywhere.set(f.entry.owner, (anywhere.get(f.entry.owner) ?? 0) + 1);
        if (f.probe === probe) onProbe.set(f.entry.owner, (onProbe.get(f.entry.owner) ?? 0) + 1);
      }
    }
  }
  const best = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  return best(onProbe) ?? best(anywhere);
}

function evidenceWords(i: Pick<Investment, "incidents" | "redTests" | "risk" | "ageDays" | "services">): string {
  const parts: string[] = [];
  if (i.incidents) parts.push(plural(i.incidents, "incident"));
  if (i.redTests) parts.push(plural(i.redTests, "staging-green/production-red test"));
  parts.push(i.risk ? `${i.risk} risk` : "no risk weight");
  parts.push(`open ${plural(i.ageDays, "day")}`);
  if (i.services.length > 1) parts.push(`in ${plural(i.services.length, "service")}`);
  return parts.join(", ");
}

/**
 * Gaps ordered by the evidence against them: incidents first (a gap that already hurt), then
 * tests that passed in staging and failed in production, then risk, then age. A lexicographic
 * order rather than a weighted score, so a reader can check every rank by eye.
 */
export function investments(input: Inputs): Investment[] {
  const items: Omit<Investment, "rank" | "evidence">[] = [];
  // Known gaps: each map entry the newest audit of its map still shows.
  for (const s of input.series) {
    const last = s.audits.at(-1)!;
    const entries = new Map<string, { summary: string; owner?: string; risk: Risk | null; firstSeen?: string }>();
    for (const pair of last.pairs) {
      for (const f of pair.findings) {
        if (!("entry" in f) || !f.entry || (f.kind !== "gap" && f.kind !== "manual-entry")) continue;
        const seen = entries.get(f.entry.id);
        const firstSeen = [seen?.firstSeen, f.firstSeen].filter((x): x is string => !!x).sort()[0];
        entries.set(f.entry.id, { summary: f.entry.summary, ...(f.entry.owner ? { owner: f.entry.owner } : {}), risk: riskOf(f.risk) > riskOf(seen?.risk) ? f.risk : (seen?.risk ?? f.risk), ...(firstSeen ? { firstSeen } : {}) });
      }
    }
    for (const [id, e] of entries) {
      const incidents = input.traced.find((t) => t.service === s.service && t.entry === id)?.incidents.length ?? 0;
      const redTests = input.redTests.find((r) => r.service === s.service && r.entry === id)?.tests.length ?? 0;
      const opened = e.firstSeen ?? s.audits[0]!.generatedAt;
      items.push({ key: `${s.service}/map/${id}`, title: `${id}: ${e.summary}`, services: [s.service], entry: id, owners: e.owner ? [e.owner] : [], ownersProposed: false, incidents, redTests, risk: e.risk, ageDays: daysBetween(opened, input.until) });
    }
  }
  // New gaps: undeclared ones still open, one item per probe kind, subject and aspect across services.
  const undeclared = new Map<string, Omit<Investment, "rank" | "evidence">>();
  for (const life of input.lives.filter((l) => !l.closed && !l.entry)) {
    const key = `${life.probeKind}/${life.subject}/${life.aspect}`;
    const item = undeclared.get(key) ?? { key, title: `${life.probeKind} · ${life.subject} · ${life.aspect} (undeclared)`, services: [], owners: [], ownersProposed: true, incidents: 0, redTests: 0, risk: null, ageDays: 0 };
    if (!item.services.includes(life.service)) {
      item.services.push(life.service);
      if (life.aspect === "untraced") item.incidents++;
      if (life.aspect === "staging-green-production-red") item.redTests++;
      const owner = proposedOwner(input.series, life.service, life.probe);
      if (owner && !item.owners.includes(owner)) item.owners.push(owner);
    }
    if (riskOf(life.risk) > riskOf(item.risk)) item.risk = life.risk;
    item.ageDays = Math.max(item.ageDays, life.days);
    undeclared.set(key, item);
  }
  items.push(...undeclared.values());
  items.sort((a, b) => b.incidents - a.incidents || b.redTests - a.redTests || riskOf(b.risk) - riskOf(a.risk) || b.ageDays - a.ageDays || b.services.length - a.services.length || a.key.localeCompare(b.key));
  return items.map((item, i) => ({ ...item, owners: item.owners.sort(), rank: i + 1, evidence: evidenceWords(item) }));
}

/** Proposed action items with owners: the top of the ranking that has evidence against it, then overdue reviews. */
export function actionItems(ranked: Investment[], overdue: EntryView[], stale: Array<{ service: string; entry: string; owner?: string; detail: string }>): ActionItem[] {
  const actions: ActionItem[] = [];
  for (const item of ranked.filter((i) => i.incidents || i.redTests || i.risk === "high").slice(0, 10)) {
    const owner = item.owners.length ? `${item.owners.join(", ")}${item.ownersProposed ? " (proposed)" : ""}` : "unassigned: name an owner";
    const where = item.services.length > 1 ? ` in ${item.services.join(", ")}` : ` (${item.services[0]})`;
    let action: string;
    if (!item.entry) action = `Fix or declare ${item.title.replace(/ \(undeclared\)$/, "")}${where}`;
    else if (item.incidents) action = `Close the gap behind ${item.entry}${where}: its mitigation did not prevent ${plural(item.incidents, "incident")}`;
    else if (item.redTests) action = `Make staging fail like production for ${item.entry}${where}`;
    else action = `Mitigate or accept ${item.entry}${where}`;
    actions.push({ owner, action, why: `#${item.rank}: ${item.evidence}` });
  }
  for (const e of overdue) actions.push({ owner: e.owner ?? "unassigned: name an owner", action: `Review ${e.id} (${e.service}) and move reviewBy forward`, why: `review was due ${e.reviewBy ?? "(no date)"}` });
  for (const s of stale) actions.push({ owner: s.owner ?? "unassigned: name an owner", action: `Remove or correct ${s.entry} (${s.service})`, why: s.detail });
  return actions;
}
