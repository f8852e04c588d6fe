import path from "node:path";
import { formatProblem, loadMap } from "../../map/load.js";

export async function validateCommand(file: string): Promise<number> {
  const loaded = await loadMap(path.resolve(file));
  for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  const errors = loaded.problems.filter((p) => p.severity === "error").length;
  const warnings = loaded.problems.length - errors;
  if (errors) {
    process.stderr.write(`\n${errors} problem${errors === 1 ? "" : "s"}${warnings ? ` and ${warnings} warning${warnings === 1 ? "" : "s"}` : ""} in ${loaded.file}.\n`);
    return 2;
  }
  const map = loaded.map!;
  process.stdout.write(
    `${loaded.file} is valid: ${Object.keys(map.environments).length} environments, ${map.pairs.length} pair${map.pairs.length === 1 ? "" : "s"}, ` +
      `${map.probes.length} probes, ${map.differences.length} known differences${warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : ""}.\n`,
  );
  return 0;
}
