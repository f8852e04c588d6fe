import Table from "cli-table3";
import { palette } from "../report/palette.js";
import { clean, formatDate, wrap } from "../report/text.js";
import { DIMENSIONS, type Rating } from "../types.js";
import type { Fleet } from "./model.js";
import { countWords, fleetHeadline, listSome, serviceName, sharedGroups, soloCount } from "./words.js";

const SHORT: Record<(typeof DIMENSIONS)[number], string> = { "test-reliability": "Test\nreliability", "data-fidelity": "Data\nfidelity", "deployment-friction": "Deployment\nfriction", security: "Security" };
const WIDTH = 100;

/** The fleet in a terminal: the worst services first, then the drift many services share. */
export function renderFleetTerminal(fleet: Fleet, options: { color: boolean }): string {
  const p = palette(options.color);
  const rating = (r: Rating) => p.rating(r, r === "unknown" ? "unknown" : `${r} risk`);
  const lines = [p.c.bold(`Parity fleet · ${fleetHeadline(fleet)}`), `${formatDate(fleet.generatedAt)} · ${fleet.audits} audit${fleet.audits === 1 ? "" : "s"} read`, ...wrap(`Across the fleet: ${countWords(fleet.totals.counts)}.`, WIDTH), ""];
  const table = new Table({ head: ["Service", "Gate", ...DIMENSIONS.map((d) => SHORT[d]), "Undeclared", "Audited"].map((h) => p.c.bold(h)), style: { head: [], border: [] }, chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } });
  for (const s of fleet.services) {
    table.push([clean(serviceName(fleet, s)), p.gate(s.passed, s.exitCode, `${s.passed ? "PASSED" : "FAILED"} (${s.exitCode})`), ...DIMENSIONS.map((d) => rating(s.ratings[d])), String(s.counts.undeclared), s.generatedAt.slice(0, 10)]);
  }
  lines.push(table.toString(), "");
  const shared = sharedGroups(fleet);
  lines.push(p.c.bold(`Shared drift: undeclared differences seen in more than one service (${shared.length})`));
  if (!shared.length) lines.push(p.c.gray("  None: no undeclared difference appears in two services."));
  for (const g of shared) {
    const tag = g.risk ? p.risk(g.risk, `[${g.risk} risk]`) : "";
    lines.push(`  ✖ ${tag} ${p.c.bold(clean(`${g.probeKind} · ${g.subject} · ${g.aspect}`))} — ${g.services.length} services`);
    lines.push(...wrap(clean(`services: ${listSome(g.services.map((m) => serviceName(fleet, m)), 12)}`), WIDTH, "      "));
    if (g.owners.length) lines.push(...wrap(clean(`owners: ${listSome(g.owners, 12)}`), WIDTH, "      ").map((l) => p.c.gray(l)));
  }
  const solo = soloCount(fleet);
  if (solo) lines.push(p.c.gray(`  + ${solo} undeclared difference${solo === 1 ? "" : "s"} seen in one service only (each service's own report lists them)`));
  lines.push("");
  for (const s of fleet.services.filter((x) => !x.passed)) lines.push(...wrap(clean(`${serviceName(fleet, s)}: ${s.summary}`), WIDTH, "", "  "));
  if (fleet.skipped.length) lines.push("", p.c.yellow(`Skipped ${fleet.skipped.length} input${fleet.skipped.length === 1 ? "" : "s"}:`), ...fleet.skipped.slice(0, 20).map((s) => `  ${clean(s.ref)}: ${clean(s.reason)}`));
  if (fleet.skipped.length > 20) lines.push(`  … and ${fleet.skipped.length - 20} more`);
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}
