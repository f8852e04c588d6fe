import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { UsageError } from "../errors.js";
import { readAuditFiles } from "../history/folder-store.js";
import type { HistoryLocation } from "../history/location.js";
import { parseSavedAudit } from "../history/saved-audit.js";
import { openHistory, type HistoryListing, type SavedAudit, type SkippedEntry } from "../history/store.js";

/** A file as messages name it: relative to the working folder when inside it, else absolute. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * The audits a fleet or review reads: files named on the command line (each must be a v2
 * audit: a wrong file is the user's mistake, said plainly), folders (searched recursively, as
 * CI artifact downloads nest them; other JSON in them is a named skip), or a history store.
 */
export async function loadAudits(inputs: string[], history: HistoryLocation | undefined, options: { since?: Date; latestPerMap?: boolean } = {}): Promise<HistoryListing> {
  const audits: SavedAudit[] = [];
  const skipped: SkippedEntry[] = [];
  const wrong: string[] = [];
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      wrong.push(`${input}: no such file or folder`);
      continue;
    }
    if (info.isDirectory()) {
      const found = await glob(["**/*.json"], { cwd: input, absolute: true, onlyFiles: true, ignore: ["**/node_modules/**"] });
      const listing = await readAuditFiles(found.sort());
      audits.push(...listing.audits.map((a) => ({ ...a, ref: shown(a.ref) })));
      skipped.push(...listing.skipped.map((s) => ({ ...s, ref: shown(s.ref) })));
      if (!found.length) skipped.push({ ref: input, reason: "a folder with no .json file in it" });
    } else files.push(input);
  }
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      wrong.push(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    const parsed = parseSavedAudit(text);
    if ("skip" in parsed) wrong.push(`${file} is ${parsed.skip.replace(/^not a parity audit/, "not a parity JSON audit")}`);
    else audits.push({ ref: file, audit: parsed.audit });
  }
  if (wrong.length) throw new UsageError(wrong.length === 1 ? wrong[0]! : `${wrong.length} inputs cannot be read as audits:\n  ${wrong.join("\n  ")}`);
  if (history) {
    const store = await openHistory(history);
    try {
      const listing = await store.list({ since: options.since, latestPerMap: options.latestPerMap });
      audits.push(...listing.audits);
      skipped.push(...listing.skipped);
    } finally {
      await store.close();
    }
  }
  const since = options.since?.getTime();
  const kept = since === undefined ? audits : audits.filter((a) => Date.parse(a.audit.generatedAt) >= since);
  kept.sort((a, b) => a.audit.generatedAt.localeCompare(b.audit.generatedAt) || a.ref.localeCompare(b.ref));
  return { audits: kept, skipped };
}
