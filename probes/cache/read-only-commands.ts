import { ProbeError } from "../../src/errors.js";

/**
 * The lock on the door: the only commands parity ever sends to a cache. Each reads how the
 * server is set up (its INFO, its configuration, which commands and modules it has) and none
 * touches a key, so an audit can neither change data nor read it. `AUTH` is the one handshake
 * command, sent by parity itself (the client library's own handshake is switched off: no
 * `CLIENT SETINFO`, no `SELECT`, no `INFO` ready check).
 */
const ALLOWED: Record<string, (sub: string | undefined) => boolean> = {
  AUTH: () => true,
  INFO: () => true,
  CONFIG: (sub) => sub === "GET",
  COMMAND: (sub) => sub === "INFO" || sub === "COUNT" || sub === "DOCS",
  MODULE: (sub) => sub === "LIST",
};

/** The command names and subcommands parity may send, for the README and error messages. */
export const ALLOWED_COMMANDS = ["AUTH", "INFO", "CONFIG GET", "COMMAND INFO", "COMMAND COUNT", "COMMAND DOCS", "MODULE LIST"] as const;

export function assertReadOnlyCommand(command: readonly string[]): void {
  const name = (command[0] ?? "").toUpperCase();
  const sub = command[1]?.toUpperCase();
  if (ALLOWED[name]?.(sub)) return;
  const shown = [name, ALLOWED[name] ? sub : undefined].filter(Boolean).join(" ") || "an empty command";
  throw new ProbeError(`refused to send ${shown} to a cache: parity only sends ${ALLOWED_COMMANDS.join(", ")}`);
}
