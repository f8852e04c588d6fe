import type { MapProblem } from "../errors.js";

/** `FILE:LINE:COL  key.path  message`, the one format every map problem is printed in. */
export function formatProblem(problem: MapProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const tag = problem.severity === "warning" ? "warning: " : "";
  // A file that cannot be read has no position and no key path: say just the file and why.
  if (!problem.line && !problem.path) return `${where}  ${tag}${problem.message}`;
  return `${where}  ${problem.path || "(top level)"}  ${tag}${problem.message}`;
}
