import { MapError, UsageError } from "../errors.js";
import { formatProblem } from "../map/format-problem.js";
import { sourceMappedStack } from "./source-mapped-stack.js";
import { parityVersion } from "./version.js";

/**
 * What a command's failure tells the user, and its exit code: a map or usage mistake is said
 * plainly (exit 2), anything else is a bug with its stack (exit 70). Apart from the command line
 * library, so a command started without it (main.ts) fails the same way.
 */
export function commandFailed(error: unknown): number {
  if (error instanceof MapError && !error.problems.length) {
    // A map the editor cannot change (e.g. a flow list): the message is the whole story.
    process.stderr.write(`parity: ${error.message}\n`);
    return 2;
  }
  if (error instanceof MapError) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const errors = error.problems.filter((p) => p.severity === "error").length;
    process.stderr.write(`\n${errors} problem${errors === 1 ? "" : "s"} in the map.\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`parity: ${error.message}\n`);
    return 2;
  }
  const err = error as Error;
  process.stderr.write(`parity ${safeVersion()}: internal error — this is a bug, please report it with what follows:\n${sourceMappedStack(err) ?? String(error)}\n`);
  return 70;
}

function safeVersion(): string {
  try {
    return parityVersion();
  } catch {
    return "(unknown version)";
  }
}
