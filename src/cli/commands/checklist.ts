import path from "node:path";
import { UsageError } from "../../errors.js";
import { runPipeline } from "../../pipeline.js";
import { renderChecklist } from "../../report/index.js";
import type { Audit } from "../../types.js";
import { emit, progressPrinter } from "../output.js";
import { readAuditFile } from "../read-audit.js";
import { parityVersion } from "../version.js";

export interface ChecklistOptions {
  map: string;
  pair?: string;
  from?: string;
  out?: string;
}

export async function checklistCommand(options: ChecklistOptions): Promise<number> {
  let audit: Audit;
  if (options.from) {
    audit = await readAuditFile(options.from);
    if (options.pair) audit = { ...audit, pairs: audit.pairs.filter((p) => p.name === options.pair) };
    if (!audit.pairs.length) throw new UsageError(`${options.from} has no pair named "${options.pair}"`);
  } else {
    audit = (
      await runPipeline({
        mapFile: path.resolve(options.map),
        pair: options.pair,
        version: parityVersion(),
        onProgress: progressPrinter(process.stderr.isTTY === true),
      })
    ).audit;
  }
  await emit(renderChecklist(audit, { color: false }), options.out);
  return 0;
}
