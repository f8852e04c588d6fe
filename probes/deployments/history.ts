import { ProbeError } from "../../src/errors.js";
import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { displayPath, fileError, readEvidenceFile } from "../evidence/files.js";
import { RecordReader, requireColumns } from "../evidence/fields.js";
import { readTable, tableFormat } from "../evidence/records.js";
import type { Deployment, DeploymentsOptions, DeploymentsSnapshot } from "./types.js";
import { DEPLOY_RESULTS } from "./types.js";

const REQUIRED = ["environment", "started_at", "finished_at", "result"];

/**
 * Reads the whole history file (so a malformed row anywhere is reported, whichever side it
 * belongs to) and keeps this environment's rows. `steps` may be absent when the map declares
 * `pipelines` instead.
 */
export async function collectDeployments(env: Environment, ctx: CollectContext<DeploymentsOptions>): Promise<DeploymentsSnapshot> {
  const file = displayPath(ctx.options.history, ctx.mapDir);
  const format = tableFormat(file, ["csv", "ndjson"]);
  const text = await readEvidenceFile(ctx.options.history, ctx.mapDir, ctx.signal);
  const records = readTable(text, file, format);
  if (format === "csv") requireColumns(file, records, REQUIRED);
  if (records.length === 0) throw fileError(file, null, "has no deployments");

  const environments = new Set<string>();
  const deployments: Deployment[] = [];
  for (const record of records) {
    const row = new RecordReader(file, record);
    const environment = row.text("environment");
    const deployment = readDeployment(row);
    environments.add(environment);
    if (environment === env.name) deployments.push(deployment);
  }
  const declaredSteps = ctx.options.pipelines?.[env.name] ?? null;
  if (deployments.length === 0) {
    throw new ProbeError(`${file} has no deployments of environment "${env.name}" (environments in the file: ${[...environments].sort().join(", ")})`);
  }
  deployments.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  return { environment: env.name, file, deployments, declaredSteps };
}

function readDeployment(row: RecordReader): Deployment {
  const startedAt = row.date("started_at");
  const finishedAt = row.date("finished_at");
  if (finishedAt < startedAt) throw row.error(`finished_at ${finishedAt} is before started_at ${startedAt}`);
  return { line: row.line, startedAt, finishedAt, result: row.oneOf("result", DEPLOY_RESULTS), steps: row.list("steps") };
}
