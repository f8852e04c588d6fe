import { RATING_BADGE, code, md, mdCell } from "../report/md-text.js";
import { formatDate } from "../report/text.js";
import { DIMENSIONS, DIMENSION_TITLE, type Rating } from "../types.js";
import type { Fleet } from "./model.js";
import { countWords, fleetHeadline, listSome, serviceName, sharedGroups, soloCount } from "./words.js";

const rating = (r: Rating) => `${RATING_BADGE[r]} ${r === "unknown" ? "unknown" : `${r} risk`}`;

/** The fleet as GitHub-flavoured markdown (a scheduled workflow's step summary, a wiki page). */
export function renderFleetMarkdown(fleet: Fleet): string {
  const lines = [
    "# Parity fleet",
    "",
    `**${md(fleetHeadline(fleet))}** · across the fleet: ${md(countWords(fleet.totals.counts))}.`,
    "",
    `${formatDate(fleet.generatedAt)} · ${fleet.audits} audit${fleet.audits === 1 ? "" : "s"} read`,
    "",
    `| Service | Gate | ${DIMENSIONS.map((d) => DIMENSION_TITLE[d]).join(" | ")} | Undeclared | Audited |`,
    `|---|---|${DIMENSIONS.map(() => "---").join("|")}|---:|---|`,
    ...fleet.services.map((s) => `| ${mdCell(serviceName(fleet, s))} | ${s.passed ? (s.exitCode === 0 ? "PASSED" : "PASSED, exit 3") : "**FAILED**"} | ${DIMENSIONS.map((d) => rating(s.ratings[d])).join(" | ")} | ${s.counts.undeclared} | ${s.generatedAt.slice(0, 10)} |`),
    "",
  ];
  const shared = sharedGroups(fleet);
  lines.push(`## Shared drift (${shared.length})`, "", "_Undeclared differences seen in more than one service: one change, one row._", "");
  if (shared.length) {
    lines.push("| Risk | Probe kind | Subject | Aspect | Services | Owners |", "|---|---|---|---|---|---|");
    for (const g of shared) {
      lines.push(`| ${g.risk ? `${g.risk} risk` : "—"} | ${mdCell(g.probeKind)} | ${code(g.subject, true)} | ${mdCell(g.aspect)} | ${g.services.length}: ${mdCell(listSome(g.services.map((m) => serviceName(fleet, m)), 8))} | ${mdCell(listSome(g.owners, 6)) || "—"} |`);
    }
  } else lines.push("None: no undeclared difference appears in two services.");
  const solo = soloCount(fleet);
  if (solo) lines.push("", `${solo} more undeclared difference${solo === 1 ? " is" : "s are"} seen in one service only; each service's own report lists them.`);
  if (fleet.skipped.length) lines.push("", `**Skipped ${fleet.skipped.length} input${fleet.skipped.length === 1 ? "" : "s"}:**`, "", ...fleet.skipped.slice(0, 50).map((s) => `- ${code(s.ref)}: ${md(s.reason)}`));
  return `${lines.join("\n")}\n`;
}
