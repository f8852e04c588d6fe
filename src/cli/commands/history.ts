import path from "node:path";
import Table from "cli-table3";
import { listAudits } from "../../history/store.js";
import { DIMENSIONS } from "../../types.js";

/** Past audits with their ratings and verdicts: the quarterly parity review in one command. */
export async function historyCommand(options: { map: string; format: string }): Promise<number> {
  const mapDir = path.dirname(path.resolve(options.map));
  const saved = await listAudits(mapDir);
  const rows = saved.flatMap(({ audit }) =>
    audit.pairs.map((pair) => {
      const verdict = audit.verdict.byPair[pair.name];
      const counts = verdict?.counts;
      return {
        date: audit.generatedAt,
        pair: pair.name,
        gate: audit.verdict.gate,
        passed: verdict?.passed ?? audit.verdict.passed,
        exitCode: verdict?.exitCode ?? audit.verdict.exitCode,
        ratings: Object.fromEntries(DIMENSIONS.map((d) => [d, pair.dimensions[d]?.rating ?? "unknown"])),
        undeclared: counts?.undeclared ?? 0,
        declared: counts?.declared ?? 0,
        stale: counts?.stale ?? 0,
        errors: counts?.probeErrors ?? 0,
      };
    }),
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
    head: ["date", "pair", "gate", ...DIMENSIONS, "undeclared", "declared", "stale", "errors"],
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    const gate = `${row.gate}: ${row.passed ? "passed" : "failed"} (${row.exitCode})`;
    table.push([row.date.replace("T", " ").slice(0, 16), row.pair, gate, ...DIMENSIONS.map((d) => `${row.ratings[d]}${row.ratings[d] === "unknown" ? "" : " risk"}`), row.undeclared, row.declared, row.stale, row.errors]);
  }
  process.stdout.write(`${table.toString()}\n${saved.length} audit${saved.length === 1 ? "" : "s"} saved.\n`);
  return 0;
}
