import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { displayPath, readEvidenceFile } from "../evidence/files.js";
import { RecordReader, requireColumns } from "../evidence/fields.js";
import { readTable, tableFormat } from "../evidence/records.js";
import { evidenceScrubber } from "../evidence/secrets.js";
import type { Incident, IncidentsOptions, IncidentsSnapshot } from "./types.js";
import { INCIDENT_CAUSES } from "./types.js";

/** Reads the incident log: YAML (a list, or `incidents:` holding one), CSV or NDJSON. */
export async function collectIncidents(env: Environment, ctx: CollectContext<IncidentsOptions>): Promise<IncidentsSnapshot> {
  const file = displayPath(ctx.options.log, ctx.mapDir);
  const format = tableFormat(file, ["yaml", "csv", "ndjson"]);
  const text = await readEvidenceFile(ctx.options.log, ctx.mapDir, ctx.signal);
  const records = readTable(text, file, format, "incidents");
  if (format === "csv") requireColumns(file, records, ["date", "summary", "cause"]);
  // Summaries are free text written after an outage; a pasted connection string must not leak.
  const scrub = evidenceScrubber(env);
  const incidents = records.map((record): Incident => {
    const row = new RecordReader(file, record);
    const id = row.optionalText("id");
    const difference = row.optionalText("difference");
    return {
      line: row.line,
      ...(id ? { id } : {}),
      date: row.date("date"),
      summary: scrub(row.text("summary")),
      cause: row.oneOf("cause", INCIDENT_CAUSES),
      ...(difference ? { difference } : {}),
    };
  });
  return { file, incidents };
}
