import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../../errors.js";
import { runPipeline } from "../../pipeline.js";
import { renderChecklist } from "../../report/index.js";
import type { Audit } from "../../types.js";
import { emit, progressPrinter } from "../output.js";
import { parityVersion } from "../version.js";

export interface ChecklistOptions {
  map: string;
  pair?: string;
  from?: string;
  out?: string;
}

async function readAudit(file: string): Promise<Audit> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.resolve(file), "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  const audit = parsed as Partial<Audit>;
  if (audit.schemaVersion !== 1 || !Array.isArray(audit.pairs)) {
    throw new UsageError(`${file} is not a parity JSON audit (write one with \`parity audit --format json --out ${file}\`)`);
  }
  return audit as Audit;
}

export async function checklistCommand(options: ChecklistOptions): Promise<number> {
  let audit: Audit;
  if (options.from) {
    audit = await readAudit(options.from);
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
