import path from "node:path";
import { UsageError } from "../errors.js";
import { redactUrl } from "../redact.js";

/** Where saved audits live: a folder, or the team's own PostgreSQL database (never a target). */
export type HistoryLocation = { kind: "folder"; dir: string } | { kind: "postgres"; url: string };

/** Saved audits live beside the map by default, so history travels with the map's repository. */
export function defaultHistoryDir(mapDir: string): string {
  return path.join(mapDir, ".parity", "history");
}

const POSTGRES = /^postgres(ql)?:\/\//i;

/**
 * `--history DIR|URL`, else `$PARITY_HISTORY`, else `.parity/history` beside the map. A URL of
 * another scheme is a mistake (a MySQL store, say), not a folder name: it is refused, redacted.
 */
export function historyLocation(option: string | undefined, mapDir: string, env: NodeJS.ProcessEnv = process.env): HistoryLocation {
  const given = option ?? (env.PARITY_HISTORY?.trim() || undefined);
  if (given === undefined) return { kind: "folder", dir: defaultHistoryDir(mapDir) };
  if (POSTGRES.test(given)) {
    try {
      new URL(given);
    } catch {
      throw new UsageError(`--history ${redactUrl(given)} is not a valid PostgreSQL URL (postgres://user:password@host:5432/database)`);
    }
    return { kind: "postgres", url: given };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
    throw new UsageError(`--history ${redactUrl(given)}: parity keeps history in a folder or a PostgreSQL database (postgres://…), not ${given.slice(0, given.indexOf(":"))}`);
  }
  if (!given.trim()) throw new UsageError("--history is empty: give a folder or a postgres:// URL, or --no-history");
  return { kind: "folder", dir: path.resolve(given) };
}

/** How a location is named in every message: a folder by its path, a URL without its password. */
export function describeLocation(location: HistoryLocation): string {
  return location.kind === "folder" ? (path.relative(process.cwd(), location.dir) || ".") : redactUrl(location.url);
}
