import path from "node:path";
import { UsageError } from "../../errors.js";
import { buildFleet } from "../../fleet/build.js";
import { loadAudits } from "../../fleet/inputs.js";
import { FLEET_FORMATS, renderFleet, type FleetFormat } from "../../fleet/render.js";
import { historyLocation } from "../../history/location.js";
import { parseSince } from "../../history/since.js";
import { emit, useColor } from "../output.js";
import { reportSkipped } from "./history.js";

export interface FleetOptions {
  history?: string;
  since?: string;
  format?: string;
  out?: string;
}

const BY_EXTENSION: Record<string, FleetFormat> = { ".md": "markdown", ".html": "html", ".json": "json", ".txt": "terminal" };

/** The document's format: `--format`, else the `--out` file's extension, else the terminal view. */
export function fleetFormat(format: string | undefined, out: string | undefined, command = "fleet"): FleetFormat {
  if (format !== undefined && !(FLEET_FORMATS as readonly string[]).includes(format)) throw new UsageError(`parity ${command}: unknown format "${format}" (formats: ${FLEET_FORMATS.join(", ")})`);
  const byName = out ? BY_EXTENSION[path.extname(out).toLowerCase()] : undefined;
  if (format && byName && format !== byName) throw new UsageError(`--out ${out} is ${byName} by its extension, but --format says ${format}; drop --format or rename the file`);
  return (format as FleetFormat | undefined) ?? byName ?? "terminal";
}

/**
 * `parity fleet AUDIT.json… | DIR… | --history DIR|URL`: the newest audit of each service and
 * map side by side, and the undeclared differences many services share as one row each. A view,
 * not a gate: exit 0 unless the input is wrong (2). Each service's own audit gates its release.
 */
export async function fleetCommand(inputs: string[], options: FleetOptions): Promise<number> {
  const format = fleetFormat(options.format, options.out);
  if (!inputs.length && options.history === undefined && !process.env.PARITY_HISTORY) {
    throw new UsageError("parity fleet reads saved audits: name files or folders (parity fleet audits/), or a store with --history DIR|postgres://…");
  }
  const now = new Date();
  const since = options.since ? parseSince(options.since, now) : undefined;
  const history = options.history !== undefined || !inputs.length ? historyLocation(options.history, process.cwd()) : undefined;
  const listing = await loadAudits(inputs, history, { since, latestPerMap: true });
  if (!listing.audits.length) {
    reportSkipped(listing.skipped);
    throw new UsageError(`no parity audits found in ${[...inputs, ...(history ? [options.history ?? "$PARITY_HISTORY"] : [])].join(", ")}${listing.skipped.length ? ` (${listing.skipped.length} JSON file${listing.skipped.length === 1 ? "" : "s"} skipped, listed above)` : ""}`);
  }
  if (options.out || format !== "terminal") reportSkipped(listing.skipped);
  const fleet = buildFleet(listing.audits, listing.skipped, now);
  await emit(renderFleet(format, fleet, { color: format === "terminal" && useColor(process.stdout, options.out !== undefined) }), options.out);
  return 0;
}
