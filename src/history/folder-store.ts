import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { mapLimit } from "../run/limit.js";
import type { Audit } from "../types.js";
import { parseSavedAudit } from "./saved-audit.js";
import { latestPerMap, matches, type HistoryListing, type HistoryQuery, type HistoryStore, type SavedAudit, type SkippedEntry } from "./store.js";

/** File names sort by time: ISO timestamps with the colons made file-system safe, then the service. */
export function auditFileName(audit: Audit): string {
  const service = audit.service.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 60) || "service";
  // Two CI jobs may finish in the same millisecond into one shared folder: a random tail keeps both.
  return `${audit.generatedAt.replace(/:/g, "-")}--${service}--${randomBytes(3).toString("hex")}.json`;
}

/** A folder of JSON audits: `.parity/history` beside the map, or any folder CI runs share. */
export class FolderStore implements HistoryStore {
  constructor(
    readonly dir: string,
    readonly label: string,
  ) {}

  async save(audit: Audit): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, auditFileName(audit));
    // Written aside and renamed: a reader never sees half an audit, whatever runs at the same time.
    const temporary = path.join(this.dir, `.${path.basename(file)}.${process.pid}.tmp`);
    await writeFile(temporary, `${JSON.stringify(audit, null, 2)}\n`);
    await rename(temporary, file);
    return file;
  }

  async list(query: HistoryQuery = {}): Promise<HistoryListing> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(".json") && !n.startsWith("."));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { audits: [], skipped: [] };
      throw error;
    }
    return readAuditFiles(names.map((n) => path.join(this.dir, n)), query);
  }

  async close(): Promise<void> {}
}

/** Reads audit files (a few at a time), keeping those the query wants, oldest first; the rest are named skips. */
export async function readAuditFiles(files: string[], query: HistoryQuery = {}): Promise<HistoryListing> {
  const skipped: SkippedEntry[] = [];
  const read = await mapLimit(files, 16, async (file): Promise<SavedAudit | undefined> => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      skipped.push({ ref: file, reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      return undefined;
    }
    const parsed = parseSavedAudit(text);
    if ("skip" in parsed) {
      skipped.push({ ref: file, reason: parsed.skip });
      return undefined;
    }
    return { ref: file, audit: parsed.audit };
  });
  let audits = read.filter((a): a is SavedAudit => a !== undefined && matches(a.audit, query));
  audits.sort((a, b) => a.audit.generatedAt.localeCompare(b.audit.generatedAt) || a.ref.localeCompare(b.ref));
  if (query.latestPerMap) audits = latestPerMap(audits);
  if (query.newest !== undefined) audits = audits.slice(-query.newest);
  skipped.sort((a, b) => a.ref.localeCompare(b.ref));
  return { audits, skipped };
}
