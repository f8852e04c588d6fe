import { writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import { FORMAT_BY_EXTENSION, REPORT_FORMATS, SAME_FILE_TYPE, formatOfFile, renderReport, type ReportFormat } from "../report/index.js";
import type { Audit } from "../types.js";

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

/** One document to write: a format, and a file (or stdout when absent). */
export interface Output {
  format: ReportFormat;
  file?: string;
}

/**
 * `--format` and the `--out` files, checked before anything runs: each file's format comes from
 * its extension; a file without a known extension takes `--format`; a `--format` that contradicts
 * an extension is a mistake, not a guess. Without `--out`, one document goes to stdout.
 */
export function planOutputs(format: string | undefined, outs: string[] = []): Output[] {
  if (format !== undefined && !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (formats: ${REPORT_FORMATS.join(", ")})`);
  }
  const chosen = format as ReportFormat | undefined;
  if (outs.length === 0) return [{ format: chosen ?? "terminal" }];
  const extensions = Object.entries(FORMAT_BY_EXTENSION).map(([ext, f]) => `${ext} (${f})`).join(", ");
  return outs.map((file) => {
    const named = formatOfFile(file);
    // `--format pr-comment --out comment.md`: the file's type fits the format asked for.
    const byName = named && chosen && SAME_FILE_TYPE[chosen] === named ? chosen : named;
    if (byName && chosen && byName !== chosen) throw new UsageError(`--out ${file} is ${byName} by its extension, but --format says ${chosen}; drop --format or rename the file`);
    const resolved = byName ?? chosen;
    if (!resolved) throw new UsageError(`--out ${file}: cannot tell the format from its name; use one of ${extensions}, or give --format`);
    return { format: resolved, file };
  });
}

/**
 * Renders one audit into every planned output. When any report goes to a file, or stdout carries
 * a machine format, the gate line goes to stderr so a person (or a CI log) still sees the decision.
 */
export async function writeOutputs(audit: Audit, outputs: Output[]): Promise<void> {
  for (const output of outputs) {
    await emit(renderReport(output.format, audit, { color: useColor(process.stdout, output.file !== undefined) }), output.file);
  }
  const humanOnStdout = outputs.some((o) => !o.file && (o.format === "terminal" || o.format === "markdown"));
  if (!humanOnStdout) process.stderr.write(`${audit.verdict.summary}\n`);
}

/** Progress goes to stderr, and only when a person is watching it. */
export function progressPrinter(enabled: boolean) {
  if (!enabled) return undefined;
  return (event: { type: string; environment: string; probe: string; status?: string; durationMs?: number }) => {
    if (event.type === "start") process.stderr.write(`  … ${event.environment}: ${event.probe}\n`);
    else process.stderr.write(`  ${event.status === "ok" ? "✓" : "✗"} ${event.environment}: ${event.probe} (${event.durationMs} ms)\n`);
  };
}
