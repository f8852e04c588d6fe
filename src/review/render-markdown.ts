import { RATING_BADGE, code, md, mdCell } from "../report/md-text.js";
import { plural } from "../assess/words.js";
import { DIMENSIONS, DIMENSION_TITLE } from "../types.js";
import type { Review } from "./model.js";
import { day, gapLine, ratingCounts, scopeLine } from "./words.js";

const TOP = 15;

function table(head: string[], rows: string[][]): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`), ""];
}

/** The quarterly parity review as markdown (a wiki page, an issue, a pull request). */
export function renderReviewMarkdown(r: Review): string {
  const out = [`# Parity review: ${day(r.since)} to ${day(r.until)}`, "", `**${md(scopeLine(r))}.** ${md(gapLine(r))}.`, ""];

  out.push("## Services", "", ...table(["Service", "Map", "Audits", "Last audit", "Gate now"], r.services.map((s) => [mdCell(s.service), code(s.map, true), String(s.audits), day(s.last), mdCell(s.summary)])));

  out.push("## Ratings over time", "", "_Per dimension and week, the services rated each way by their newest audit so far._", "");
  out.push(...table(["Week of", ...DIMENSIONS.map((d) => DIMENSION_TITLE[d])], r.ratings[DIMENSIONS[0]].map((w, i) => [w.week, ...DIMENSIONS.map((d) => ratingCounts(r.ratings[d][i]!.counts, RATING_BADGE))])));

  out.push("## Gaps opened and closed", "", `${md(gapLine(r))}.`, "");
  out.push(...table(["Week of", "Opened", "Closed", "Open at week's end"], r.gaps.weekly.map((w) => [w.week, String(w.opened), String(w.closed), String(w.open)])));
  const closed = r.gaps.lives.filter((l) => l.closed).sort((a, b) => b.days - a.days).slice(0, 10);
  if (closed.length) out.push("**Slowest to close:**", "", ...table(["Service", "Gap", "Opened", "Closed", "Days"], closed.map((l) => [mdCell(l.service), code(`${l.probeKind} · ${l.subject} · ${l.aspect}`, true), day(l.opened), day(l.closed!), String(l.days)])));
  const open = r.gaps.lives.filter((l) => !l.closed).sort((a, b) => b.days - a.days).slice(0, 10);
  if (open.length) out.push("**Open longest:**", "", ...table(["Service", "Gap", "Entry", "Opened", "Days open"], open.map((l) => [mdCell(l.service), code(`${l.probeKind} · ${l.subject} · ${l.aspect}`, true), l.entry ? code(l.entry, true) : "undeclared", day(l.opened), String(l.days)])));

  const e = r.entries;
  out.push("## Map entries", "", `${plural(e.current, "entry", "entries")} in the newest audits; ${e.added.length} added, ${plural(e.changed.length, "change")}, ${e.overdue.length} overdue for review.`, "");
  if (e.added.length) out.push("**Added:**", "", ...e.added.map((a) => `- ${md(a.service)}: ${code(a.id)} (${day(a.firstSeen)}) — ${md(a.summary)}; ${a.status}, ${a.impact} impact${a.owner ? `, owner ${md(a.owner)}` : ""}`), "");
  if (e.changed.length) out.push("**Changed:**", "", ...e.changed.map((c) => `- ${md(c.service)}: ${code(c.entry)} (${day(c.date)}): ${md(c.changes.join("; "))}`), "");
  if (e.overdue.length) out.push("**Overdue for review:**", "", ...e.overdue.map((o) => `- ${md(o.service)}: ${code(o.id)} — review was due ${o.reviewBy ?? "(no date)"}${o.owner ? `, owner ${md(o.owner)}` : ""}`), "");

  out.push("## Incidents traced to entries", "");
  if (r.incidents.traced.length) out.push(...table(["Service", "Entry", "Incidents"], r.incidents.traced.map((t) => [mdCell(t.service), code(t.entry, true), mdCell(t.incidents.map((i) => `${i.id ?? day(i.date)} (${day(i.date)})`).join(", "))])));
  else out.push("No incident in the window traces to a map entry.", "");
  if (r.incidents.untraced.length) out.push(`**Traced to no entry (${r.incidents.untraced.length}):** ${r.incidents.untraced.map((u) => `${md(u.service)}: ${md(u.subject)}`).join(", ")}.`, "");

  out.push("## Staging-green, production-red tests by entry", "");
  if (r.redTests.length) out.push(...table(["Service", "Entry", "Tests", "Audits"], r.redTests.map((t) => [mdCell(t.service), t.entry ? code(t.entry, true) : "no entry (undeclared)", mdCell(t.tests.join(", ")), String(t.audits)])));
  else out.push("No test passed in staging and failed in production in the window.", "");

  out.push("## Where investment pays off", "", "_Gaps ordered by the evidence against them: incidents, then staging-green/production-red tests, then risk, then age._", "");
  out.push(...table(["#", "Gap", "Services", "Owners", "Evidence"], r.investments.slice(0, TOP).map((i) => [String(i.rank), mdCell(i.title), mdCell(i.services.join(", ")), mdCell(i.owners.length ? `${i.owners.join(", ")}${i.ownersProposed ? " (proposed)" : ""}` : "—"), mdCell(i.evidence)])));
  if (r.investments.length > TOP) out.push(`… and ${r.investments.length - TOP} more (\`--format json\` lists them all).`, "");
  out.push("### Proposed action items", "");
  out.push(...(r.actions.length ? r.actions.map((a) => `- [ ] **${md(a.owner)}** — ${md(a.action)} _(${md(a.why)})_`) : ["Nothing stands out: no gap has incidents, red tests or high risk against it, and no review is overdue."]));
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}
