import { CancelledError } from "../errors.js";

/** The conventional exit codes of a process ended by a signal: 128 + the signal's number. */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type CancelSignal = keyof typeof EXIT_CODES;

/**
 * Ctrl-C and SIGTERM during an audit. The first signal aborts the audit's AbortSignal: every
 * probe stops on the targets (PostgreSQL statements are cancelled on the server, MariaDB ones
 * killed with KILL QUERY, config commands' process groups and detached children killed, pools
 * closed), the report of what finished is printed, and the audit exits 130 (SIGINT) or 143
 * (SIGTERM). A second signal exits at once.
 */
export interface Cancellation {
  /** Aborted, with a CancelledError, when the first signal arrives. */
  readonly signal: AbortSignal;
  /** The signal that cancelled the audit, if one did. */
  readonly received: CancelSignal | undefined;
  /** `code` unless the audit was cancelled, then 130 or 143. */
  exitCode(code: number): number;
  /**
   * Stops listening, and makes sure the process ends within a second even if a driver left a
   * timer or socket behind: the report is written by then, and nothing is left to wait for.
   */
  dispose(): void;
}

export function cancelOnSignals(stderr: NodeJS.WritableStream = process.stderr): Cancellation {
  const controller = new AbortController();
  let received: CancelSignal | undefined;
  const onSignal = (signal: CancelSignal): void => {
    if (received) {
      stderr.write(`parity: ${signal} again, exiting now\n`);
      process.exit(EXIT_CODES[received]);
    }
    received = signal;
    stderr.write(`\nparity: ${signal} received, cancelling: stopping statements and commands on the targets, then reporting what finished (${signal === "SIGINT" ? "Ctrl-C" : "send it"} again to exit at once)\n`);
    controller.abort(new CancelledError(signal));
  };
  const onInt = (): void => onSignal("SIGINT");
  const onTerm = (): void => onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    exitCode: (code) => (received ? EXIT_CODES[received] : code),
    dispose() {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      // Unref'd: it never keeps the process alive, it only ends one that something else does
      // (a driver's timer, a socket), after the report has reached its reader.
      setTimeout(() => {
        const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
        if (pending.length === 0) process.exit();
        let left = pending.length;
        for (const stream of pending) stream.once("drain", () => --left === 0 && process.exit());
      }, 1_000).unref();
    },
  };
}
