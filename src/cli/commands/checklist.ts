import { renderChecklist } from "../../report/index.js";
import type { FailOn } from "../../types.js";
import { auditFrom } from "../audit-source.js";
import { emit } from "../output.js";

export interface ChecklistOptions {
  map: string;
  pair?: string;
  from?: string;
  out?: string;
  failOn?: FailOn;
}

/** The release checklist section, from a fresh audit or a saved one (`--from`, touching no target). */
export async function checklistCommand(options: ChecklistOptions): Promise<number> {
  const audit = await auditFrom(options);
  await emit(renderChecklist(audit, { color: false }), options.out);
  if (options.out) process.stderr.write(`${audit.verdict.summary}\n`);
  return 0;
}
