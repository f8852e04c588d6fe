import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { historyLocation } from "../../history/location.js";
import { latestSaved } from "../../history/store.js";
import { addDifferences } from "../../map/edit.js";
import { redactorFor } from "../../map/secrets.js";
import { entriesYaml, suggestEntries, withoutSecrets } from "../../map/suggest.js";
import { loadValidMap } from "../../pipeline.js";
import type { Audit } from "../../types.js";
import { auditFrom } from "../audit-source.js";

export interface SuggestOptions {
  map: string;
  write?: boolean;
  from?: string;
  baseline?: boolean;
}

async function sourceAudit(options: SuggestOptions, mapFile: string, loaded: { map: { service: string } }): Promise<{ audit: Audit; from: string }> {
  if (options.from) return { audit: await auditFrom({ from: options.from, map: mapFile }), from: options.from };
  // suggest works from the last audit (what the team just read); baseline from the system as it is now.
  const saved = options.baseline ? undefined : await latestSaved(historyLocation(undefined, path.dirname(mapFile)), { service: loaded.map.service }).catch(() => undefined);
  if (saved) return { audit: saved.audit, from: `the audit of ${saved.audit.generatedAt}` };
  return { audit: await auditFrom({ map: mapFile }), from: "a fresh audit" };
}

/**
 * `map suggest`: a ready entry for each undeclared difference of the last audit.
 * `map baseline`: entries for every current difference, accepted, for a team adopting parity.
 * Both take `--from AUDIT.json` to work from a saved audit without probing anything.
 */
export async function suggestCommand(options: SuggestOptions): Promise<number> {
  const mapFile = path.resolve(options.map);
  const loaded = await loadValidMap(mapFile);
  const { audit, from } = await sourceAudit(options, mapFile, loaded);
  const entries = await withoutSecrets(suggestEntries(audit, loaded.map.differences.map((d) => d.id), new Date(), { baseline: options.baseline }), redactorFor(loaded.map));
  if (!entries.length) {
    process.stderr.write(`parity: nothing to add: ${from} found no undeclared difference.\n`);
    return 0;
  }
  if (!options.write) {
    process.stdout.write(`# ${entries.length} entr${entries.length === 1 ? "y" : "ies"} from ${from}; paste under \`differences:\`\n${entriesYaml(entries, "  ")}\n`);
    return 0;
  }
  const text = await readFile(mapFile, "utf8");
  await writeFile(mapFile, addDifferences(text, entries));
  process.stderr.write(`parity: added ${entries.length} entr${entries.length === 1 ? "y" : "ies"} to ${loaded.file} (${entries.map((e) => e.id).join(", ")}); name an owner for each.\n`);
  return 0;
}
