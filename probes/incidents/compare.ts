import { basename, isAbsolute } from "node:path";
import type { Observation } from "../../src/types.js";
import { inWindow } from "../evidence/dates.js";
import { plural } from "../evidence/format.js";
import type { Incident, IncidentsSnapshot } from "./types.js";

/**
 * The log is one file shared by both sides, so compare reads production's snapshot only.
 * Environment-caused incidents that trace to no map entry (or to an id the map does not have)
 * are high: a gap that hurt and that nobody wrote down. Incidents tracing to an entry are
 * measurements, one observation per entry with subject = the entry id; the assessment files
 * them on that entry's own dimension.
 */
export function compareIncidents(snapshot: IncidentsSnapshot, now: Date, windowDays: number, differenceIds: readonly string[]): Observation[] {
  const window = `in the last ${windowDays} days`;
  const recent = snapshot.incidents.filter((i) => inWindow(i.date, now, windowDays));
  const environmental = recent.filter((i) => i.cause === "environment");
  const known = new Set(differenceIds);
  const traced = new Map<string, Incident[]>();
  const untraced: Incident[] = [];
  for (const incident of environmental) {
    if (incident.difference && known.has(incident.difference)) traced.set(incident.difference, [...(traced.get(incident.difference) ?? []), incident]);
    else untraced.push(incident);
  }

  const out: Observation[] = [];
  for (const incident of untraced) {
    const why = incident.difference
      ? `names difference "${incident.difference}", which is not in the map`
      : "traces to no map entry";
    out.push({
      subject: label(incident),
      aspect: "untraced",
      severity: "high",
      message: `environment-caused incident ${describe(incident)} ${why}: add a differences entry for the gap and set difference: on line ${incident.line} of ${logName(snapshot.file)}`,
      staging: null,
      production: incidentValue(incident),
      location: { file: snapshot.file, line: incident.line },
    });
  }
  for (const [id, incidents] of [...traced].sort(([a], [b]) => a.localeCompare(b))) {
    out.push({
      subject: id,
      aspect: "traced",
      severity: "medium",
      kind: "measurement",
      difference: id,
      message: `${plural(incidents.length, "environment-caused incident")} ${window} trace${incidents.length === 1 ? "s" : ""} to map entry "${id}": ${incidents.map(describe).join("; ")}`,
      staging: null,
      production: incidents.map(incidentValue),
      location: { file: snapshot.file, line: incidents[0]!.line },
    });
  }
  out.push(summary(recent.length, environmental.length, traced, untraced, window));
  return out;
}

function summary(total: number, environmental: number, traced: Map<string, Incident[]>, untraced: Incident[], window: string): Observation {
  let message: string;
  if (total === 0) message = `No incidents ${window}.`;
  else if (environmental === 0) message = `${environmental} of ${plural(total, "incident")} ${window} were caused by environment differences.`;
  else {
    const entries = [...traced].sort(([a], [b]) => a.localeCompare(b)).map(([id, list]) => (list.length > 1 ? `${id} ×${list.length}` : id));
    const tracedCount = environmental - untraced.length;
    const parts = [`${tracedCount} trace${tracedCount === 1 ? "s" : ""} to map entries${entries.length ? ` (${entries.join(", ")})` : ""}`];
    parts.push(`${untraced.length} trace${untraced.length === 1 ? "s" : ""} to none${untraced.length ? ` (${untraced.map(label).join(", ")})` : ""}`);
    message = `${environmental} of ${plural(total, "incident")} ${window} ${environmental === 1 ? "was" : "were"} caused by environment differences: ${parts.join(", ")}.`;
  }
  return { subject: "incidents", aspect: "summary", severity: "low", kind: "measurement", message, staging: null, production: { incidents: total, environment: environmental, traced: environmental - untraced.length, untraced: untraced.length } };
}

/** The incident's id when the log has one, otherwise its date and summary. */
function label(incident: Incident): string {
  return incident.id ?? `${incident.date.slice(0, 10)} ${shorten(incident.summary)}`;
}

function describe(incident: Incident): string {
  return `${incident.id ? `${incident.id} ` : ""}(${incident.date.slice(0, 10)}) “${shorten(incident.summary, 240)}”`;
}

/** Subjects stay short enough for a table and a `match.subject` glob; messages keep more. */
function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function incidentValue(incident: Incident): { [key: string]: string } {
  return { ...(incident.id ? { id: incident.id } : {}), date: incident.date.slice(0, 10), summary: incident.summary, ...(incident.difference ? { difference: incident.difference } : {}) };
}

/**
 * The log as the reader knows it: its path beside the map, or just its name when it lives
 * elsewhere (a temporary folder, a variable's absolute path). The snapshot's path is shown
 * relative to the map whenever that is shorter, so a log outside the map's folder arrives here
 * as `../…` as often as absolute: both are "elsewhere".
 */
function logName(file: string): string {
  return isAbsolute(file) || file.split(/[\\/]/)[0] === ".." ? basename(file) : file;
}
