import path from "node:path";
import { formatProblem, loadMap } from "../../map/load.js";

export async function validateCommand(file: string): Promise<number> {
  // map validate takes the file as its argument; it has no --map.
  const loaded = await loadMap(path.resolve(file), { nameAnother: "name it: parity map validate FILE" });
  for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
  // Past the first hundred the loader lists one line counting the rest; the total counts them all.
  const errors = loaded.problems.filter((p) => p.severity === "error").length - (loaded.omitted ? 1 : 0) + loaded.omitted;
  const warnings = loaded.problems.filter((p) => p.severity === "warning").length;
  if (errors) {
    process.stderr.write(`\n${errors} problem${errors === 1 ? "" : "s"}${warnings ? ` and ${warnings} warning${warnings === 1 ? "" : "s"}` : ""} in ${loaded.file}.\n`);
    return 2;
  }
  const map = loaded.map!;
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
  process.stdout.write(
    `${loaded.file} is valid: ${n(Object.keys(map.environments).length, "environment")}, ${n(map.pairs.length, "pair")}, ` +
      `${n(map.probes.length, "probe")}, ${n(map.differences.length, "known difference")}${warnings ? ` (${n(warnings, "warning")})` : ""}.\n`,
  );
  // Valid, but an audit of it gathers no evidence and exits 0: say so before someone trusts it.
  if (!map.probes.length) process.stderr.write(`parity: the map defines no probes, so an audit compares nothing; add entries under probes:\n`);
  return 0;
}
