import { spawn } from "node:child_process";
import { ProbeError } from "../../src/errors.js";
import { redactUrl } from "../../src/redact.js";
import { parseJsonOrEnv } from "./parse.js";
import type { FlatConfig } from "./types.js";

/** Config on stdout is small; a command printing more than this is printing something else. */
const MAX_STDOUT_BYTES = 10 * 1024 * 1024;

export interface CommandSourceOptions {
  cwd: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * Runs a shell command and reads its stdout as JSON (if it parses) or dotenv lines. The command
 * runs in its own process group so that a timeout kills the whole pipeline: killing only the
 * shell would leave `kubectl … | jq` children holding stdout open, and the probe would hang.
 */
export function runConfigCommand<T = FlatConfig>(
  command: string,
  options: CommandSourceOptions,
  parse: (stdout: string, what: string) => T = parseJsonOrEnv as (stdout: string, what: string) => T,
): Promise<T> {
  const what = `config command ${JSON.stringify(redactCommand(command))}`;
  return new Promise<T>((resolvePromise, rejectPromise) => {
    if (options.signal.aborted) return rejectPromise(new ProbeError(`${what} was not run: the probe was cancelled`));
    const child = spawn(command, {
      shell: true,
      cwd: options.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = "";
    let settled = false;

    const settle = (error: ProbeError | null, value?: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      if (error) rejectPromise(error);
      else resolvePromise(value as T);
    };
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const stop = (message: string): void => {
      killGroup();
      settle(new ProbeError(message));
    };
    const onAbort = (): void => stop(`${what} was stopped: the probe was cancelled`);
    const timer = setTimeout(() => stop(`${what} timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    options.signal.addEventListener("abort", onAbort, { once: true });

    child.stdout?.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_STDOUT_BYTES) return stop(`${what} printed more than ${MAX_STDOUT_BYTES / 1024 / 1024} MiB`);
      stdout.push(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      // Only the end of stderr is ever shown, so only the end is kept.
      stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4096);
    });
    child.on("error", (error) => {
      killGroup();
      // With a shell in between, the usual cause is a working folder (the map's) that is gone.
      settle(new ProbeError(`${what} could not be started in ${options.cwd} (${(error as NodeJS.ErrnoException).code ?? error.name})`, { cause: error }));
    });
    // "close" (not "exit"): stdout is complete only once every process holding it has ended.
    child.on("close", (code, signal) => {
      if (settled) return;
      if (code !== 0) {
        const last = lastLine(stderrTail);
        const how = code === null ? `was killed by ${signal}` : `exited with code ${code}`;
        return settle(new ProbeError(`${what} ${how}${last ? `: ${last}` : " (no output on stderr)"}`));
      }
      try {
        settle(null, parse(Buffer.concat(stdout).toString("utf8"), what));
      } catch (error) {
        settle(error instanceof ProbeError ? error : new ProbeError(`${what} printed unreadable output`, { cause: error }));
      }
    });
  });
}

/**
 * The command line as it may be printed: map values are ${VAR}-expanded, so an inline token or
 * a DSN password can sit in it. Secret-looking arguments and URL passwords are hidden.
 */
export function redactCommand(command: string): string {
  return redactText(command);
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1] ?? "";
  return redactText(last.length > 300 ? `${last.slice(0, 300)}…` : last);
}

function redactText(text: string): string {
  return text
    .replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (url) => redactUrl(url))
    .replace(/(authorization:\s*(?:bearer|basic|token)?\s*)[^\s'"]+/gi, "$1«redacted»")
    .replace(/((?:password|passwd|secret|token|api[-_]?key|credential|private[-_]?key)[\w-]*["']?\s*[=:]\s*|--(?:password|token|secret|api-key|key)(?:\s+|=))("[^"]*"|'[^']*'|[^\s'"]+)/gi, "$1«redacted»");
}
