import path from "node:path";
import Table from "cli-table3";
import { historyLocation } from "../../history/location.js";
import { parseSince } from "../../history/since.js";
import { openHistory, type SkippedEntry } from "../../history/store.js";
import { DIMENSIONS } from "../../types.js";

export interface HistoryOptions {
  map: string;
  history?: string;
  service?: string;
  since?: string;
  format: string;
}

/** Named skips go to stderr: the listing stays clean, and nothing is dropped in silence. */
export function reportSkipped(skipped: SkippedEntry[]): void {
  for (const s of skipped.slice(0, 20)) process.stderr.write(`parity: skipped ${s.ref}: ${s.reason}\n`);
  if (skipped.length > 20) process.stderr.write(`parity: … and ${skipped.length - 20} more skipped\n`);
}

/** Past audits across services and maps, from a history folder or the team's PostgreSQL store. */
export async function historyCommand(options: HistoryOptions): Promise<number> {
  const mapDir = path.dirname(path.resolve(options.map));
  const location = historyLocation(options.history, mapDir);
  const since = options.since ? parseSince(options.since, new Date()) : undefined;
  const store = await openHistory(location);
  let listing;
  try {
    listing = await store.list({ service: options.service, since });
  } finally {
    await store.close();
  }
  reportSkipped(listing.skipped);
  const rows = listing.audits.flatMap(({ audit, ref }) =>
    audit.pairs.map((pair) => {
      const verdict = audit.verdict.byPair[pair.name];
      const counts = verdict?.counts;
      return {
        date: audit.generatedAt,
        service: audit.service,
        map: audit.map,
        pair: pair.name,
        gate: audit.verdict.gate,
        passed: verdict?.passed ?? audit.verdict.passed,
        exitCode: verdict?.exitCode ?? audit.verdict.exitCode,
        ratings: Object.fromEntries(DIMENSIONS.map((d) => [d, pair.dimensions[d]?.rating ?? "unknown"])),
        undeclared: counts?.undeclared ?? 0,
        declared: counts?.declared ?? 0,
        stale: counts?.stale ?? 0,
        errors: counts?.probeErrors ?? 0,
        ref,
      };
    }),
  );
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (!rows.length) {
    process.stdout.write(`No saved audits in ${store.label}${options.service ? ` for ${options.service}` : ""}${options.since ? ` since ${options.since}` : ""} yet: each \`parity audit\` saves one.\n`);
    return 0;
  }
  const services = new Set(rows.map((r) => `${r.service}\u0000${r.map}`));
  const many = services.size > 1;
  const table = new Table({
    head: ["date", ...(many ? ["service", "map"] : []), "pair", "gate", ...DIMENSIONS, "undeclared", "declared", "stale", "errors"],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const gate = `${row.gate}: ${row.passed ? "passed" : "failed"} (${row.exitCode})`;
    table.push([row.date.replace("T", " ").slice(0, 16), ...(many ? [row.service, row.map] : []), row.pair, gate, ...DIMENSIONS.map((d) => `${row.ratings[d]}${row.ratings[d] === "unknown" ? "" : " risk"}`), row.undeclared, row.declared, row.stale, row.errors]);
  }
  const n = listing.audits.length;
  process.stdout.write(`${table.toString()}\n${n} audit${n === 1 ? "" : "s"} saved in ${store.label}${many ? `, ${services.size} services and maps` : ""}.\n`);
  return 0;
}
