import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { auditSchema } from "../assess/audit-schema.js";
import type { Audit } from "../types.js";

/** Saved audits live beside the map, so history travels with the map's repository. */
export function historyDir(mapDir: string): string {
  return path.join(mapDir, ".parity", "history");
}

/** File names sort by time: ISO timestamps with the colons made file-system safe. */
function fileName(audit: Audit): string {
  return `${audit.generatedAt.replace(/:/g, "-")}.json`;
}

export async function saveAudit(mapDir: string, audit: Audit): Promise<string> {
  const dir = historyDir(mapDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, fileName(audit));
  await writeFile(file, `${JSON.stringify(audit, null, 2)}\n`);
  return file;
}

export interface SavedAudit {
  file: string;
  audit: Audit;
}

/** Every saved audit, oldest first; unreadable or older-format files are skipped (history is a convenience). */
export async function listAudits(mapDir: string): Promise<SavedAudit[]> {
  const dir = historyDir(mapDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch {
    return [];
  }
  const saved: SavedAudit[] = [];
  for (const name of names) {
    try {
      const json: unknown = JSON.parse(await readFile(path.join(dir, name), "utf8"));
      // Audits saved by an older parity (schemaVersion 1) cannot be compared finding by finding: skipped.
      if (auditSchema.safeParse(json).success) saved.push({ file: path.join(dir, name), audit: json as Audit });
    } catch {
      // a half-written or hand-edited file: not worth failing an audit over
    }
  }
  return saved;
}

export async function latestAudit(mapDir: string): Promise<SavedAudit | undefined> {
  return (await listAudits(mapDir)).at(-1);
}
