import { writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream, toFile: boolean): boolean {
  if (toFile) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}

export async function emit(text: string, out: string | undefined): Promise<void> {
  if (out) {
    try {
      await writeFile(path.resolve(out), text.endsWith("\n") ? text : `${text}\n`);
    } catch (error) {
      // A wrong --out is the user's mistake, not a bug: say which file and why, without a stack.
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "its folder does not exist" : code === "EISDIR" ? "it is a folder" : code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message;
      throw new UsageError(`cannot write --out ${out}: ${why}`);
    }
  } else {
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }
}

/** Progress goes to stderr, and only when a person is watching it. */
export function progressPrinter(enabled: boolean) {
  if (!enabled) return undefined;
  return (event: { type: string; environment: string; probe: string; status?: string; durationMs?: number }) => {
    if (event.type === "start") process.stderr.write(`  … ${event.environment}: ${event.probe}\n`);
    else process.stderr.write(`  ${event.status === "ok" ? "✓" : "✗"} ${event.environment}: ${event.probe} (${event.durationMs} ms)\n`);
  };
}
