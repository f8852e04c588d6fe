import path from "node:path";
import Table from "cli-table3";
import { listAudits } from "../../history/store.js";
import { DIMENSIONS, type Audit } from "../../types.js";

function counts(audit: Audit, pairName: string) {
  const pair = audit.pairs.find((p) => p.name === pairName)!;
  const gaps = pair.findings.filter((f) => !f.informational);
  return {
    undeclared: gaps.filter((f) => f.class === "undeclared").length,
    declared: gaps.filter((f) => f.class === "declared").length,
    stale: gaps.filter((f) => f.class === "stale").length,
    errors: pair.probes.filter((p) => p.status === "error").length,
  };
}

/** Past audits with their ratings: the quarterly parity review in one command. */
export async function historyCommand(options: { map: string; format: string }): Promise<number> {
  const mapDir = path.dirname(path.resolve(options.map));
  const saved = await listAudits(mapDir);
  const rows = saved.flatMap(({ audit }) =>
    audit.pairs.map((pair) => ({
      date: audit.generatedAt,
      pair: pair.name,
      ratings: Object.fromEntries(DIMENSIONS.map((d) => [d, pair.dimensions[d]?.rating ?? "unknown"])),
      ...counts(audit, pair.name),
    })),
  );
  if (options.format === "json") {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (!rows.length) {
    process.stdout.write(`No saved audits under ${path.join(mapDir, ".parity/history")} yet: each \`parity audit\` saves one.\n`);
    return 0;
  }
  const table = new Table({
    head: ["date", "pair", ...DIMENSIONS, "undeclared", "declared", "stale", "errors"],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    table.push([row.date.replace("T", " ").slice(0, 16), row.pair, ...DIMENSIONS.map((d) => row.ratings[d]!), row.undeclared, row.declared, row.stale, row.errors]);
  }
  process.stdout.write(`${table.toString()}\n${saved.length} audit${saved.length === 1 ? "" : "s"} saved.\n`);
  return 0;
}
