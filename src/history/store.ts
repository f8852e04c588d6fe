import type { Audit } from "../types.js";
import { describeLocation, type HistoryLocation } from "./location.js";

/** One saved audit and where it came from (a file, or a row of the PostgreSQL store). */
export interface SavedAudit {
  ref: string;
  audit: Audit;
}

/** Something in the store that is not a readable v2 audit, named rather than silently dropped. */
export interface SkippedEntry {
  ref: string;
  reason: string;
}

export interface HistoryListing {
  /** Oldest first. */
  audits: SavedAudit[];
  skipped: SkippedEntry[];
}

export interface HistoryQuery {
  service?: string;
  /** The map, as audits record it (`mapKey`). */
  map?: string;
  /** Only audits generated at or after this instant. */
  since?: Date;
  /** Only the newest N (still returned oldest first). */
  newest?: number;
  /** Only the newest audit of each service and map (what a fleet view shows). */
  latestPerMap?: boolean;
}

/** Where audits are kept: a folder of JSON files, or a PostgreSQL table. */
export interface HistoryStore {
  /** Named in messages; a URL without its password. */
  readonly label: string;
  save(audit: Audit): Promise<string>;
  list(query?: HistoryQuery): Promise<HistoryListing>;
  close(): Promise<void>;
}

/** A map as history tells maps apart: the path the audit recorded, with forward slashes and no `./`. */
export function mapKey(map: string): string {
  return map.split("\\").join("/").replace(/^(\.\/)+/, "");
}

export function matches(audit: Audit, query: HistoryQuery): boolean {
  if (query.service !== undefined && audit.service !== query.service) return false;
  if (query.map !== undefined && mapKey(audit.map) !== mapKey(query.map)) return false;
  if (query.since && Date.parse(audit.generatedAt) < query.since.getTime()) return false;
  return true;
}

/** The newest audit of each service and map, oldest first. */
export function latestPerMap(audits: SavedAudit[]): SavedAudit[] {
  const latest = new Map<string, SavedAudit>();
  for (const saved of audits) latest.set(`${saved.audit.service}\u0000${mapKey(saved.audit.map)}`, saved);
  return [...latest.values()].sort((a, b) => a.audit.generatedAt.localeCompare(b.audit.generatedAt) || a.ref.localeCompare(b.ref));
}

/** Opens a store; the PostgreSQL driver is loaded only when a URL asks for it. */
export async function openHistory(location: HistoryLocation): Promise<HistoryStore> {
  if (location.kind === "folder") return new (await import("./folder-store.js")).FolderStore(location.dir, describeLocation(location));
  return (await import("./postgres-store.js")).PostgresStore.open(location.url);
}

/** The newest saved audit of a service and map, or undefined (an unreadable store counts as empty here). */
export async function latestSaved(location: HistoryLocation, query: HistoryQuery = {}): Promise<SavedAudit | undefined> {
  const store = await openHistory(location);
  try {
    return (await store.list({ ...query, newest: 1 })).audits.at(-1);
  } finally {
    await store.close();
  }
}
