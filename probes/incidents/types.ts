export const INCIDENT_CAUSES = ["environment", "code", "data", "unknown"] as const;
/** What the team's post-incident review named as the cause. */
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

/** One incident from the team's log. */
export interface Incident {
  line: number;
  /** The team's own reference (INC-1234), when the log has an id column. */
  id?: string;
  /** ISO 8601 instant. */
  date: string;
  summary: string;
  cause: IncidentCause;
  /** The map's difference entry the incident traces to. */
  difference?: string;
}

/** The incidents probe's snapshot: the whole log (the same file for both sides). */
export interface IncidentsSnapshot {
  file: string;
  incidents: Incident[];
}

/** The incidents probe's options in the map. */
export interface IncidentsOptions {
  log: string;
  windowDays: number;
}
