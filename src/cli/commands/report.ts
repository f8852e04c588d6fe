import { auditJsonSchemaText } from "../../assess/audit-schema.js";
import { UsageError } from "../../errors.js";
import type { FailOn } from "../../types.js";
import { auditFrom } from "../audit-source.js";
import { planOutputs, writeOutputs } from "../output.js";

export interface ReportOptions {
  from?: string;
  pair?: string;
  format?: string;
  out?: string[];
  failOn?: FailOn;
}

/**
 * `parity report --from AUDIT.json`: any format from a saved audit, touching no target (the map
 * is not even read). `--fail-on` judges it again at another level; the exit code is the
 * verdict's, so CI can gate on a saved audit. `parity report schema` prints the JSON Schema.
 */
export async function reportCommand(topic: string | undefined, options: ReportOptions): Promise<number> {
  if (topic === "schema") {
    process.stdout.write(auditJsonSchemaText());
    return 0;
  }
  if (topic !== undefined) throw new UsageError(`unknown report topic "${topic}" (run \`parity report --from AUDIT.json\`, or \`parity report schema\` for the JSON Schema)`);
  if (!options.from) throw new UsageError("parity report renders a saved audit: give --from AUDIT.json (write one with `parity audit --out audit.json`)");
  const outputs = planOutputs(options.format, options.out);
  const audit = await auditFrom({ from: options.from, map: "", pair: options.pair, failOn: options.failOn });
  await writeOutputs(audit, outputs);
  return audit.verdict.exitCode;
}
