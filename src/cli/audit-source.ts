import path from "node:path";
import { reverdict } from "../assess/verdict.js";
import { UsageError } from "../errors.js";
import { suggestion } from "../map/did-you-mean.js";
import { runPipeline } from "../pipeline.js";
import type { Audit, FailOn } from "../types.js";
import { progressPrinter } from "./output.js";
import { readAuditFile } from "./read-audit.js";
import { parityVersion } from "./version.js";

export interface AuditSource {
  /** A saved JSON audit to read instead of probing. */
  from?: string;
  map: string;
  pair?: string;
  /** Re-judge at this gate level (a saved audit keeps its own unless one is given). */
  failOn?: FailOn;
}

/** A saved audit narrowed to one pair, judged again (the verdict must speak of what is shown). */
export function onlyPair(audit: Audit, pair: string, from: string): Audit {
  const names = audit.pairs.map((p) => p.name);
  if (!names.includes(pair)) throw new UsageError(`${from} has no pair named "${pair}"${suggestion(pair, names)} (pairs: ${names.join(", ")})`);
  return reverdict({ ...audit, pairs: audit.pairs.filter((p) => p.name === pair) }, audit.verdict.gate);
}

/** The audit a command works from: a saved one (`--from`, touching no target) or a fresh run. */
export async function auditFrom(source: AuditSource): Promise<Audit> {
  if (source.from) {
    let audit = await readAuditFile(source.from);
    if (source.pair) audit = onlyPair(audit, source.pair, source.from);
    return source.failOn && source.failOn !== audit.verdict.gate ? reverdict(audit, source.failOn) : audit;
  }
  const { audit } = await runPipeline({
    mapFile: path.resolve(source.map),
    pair: source.pair,
    failOn: source.failOn,
    version: parityVersion(),
    onProgress: progressPrinter(process.stderr.isTTY === true),
  });
  return audit;
}
