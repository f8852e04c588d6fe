/**
 * Turns what undici and node:net throw into one short, secret-free reason a release manager
 * can act on. The kinds let the probes count timeouts apart from other failures.
 */

export type FailureKind = "timeout" | "refused" | "dns" | "tls" | "reset" | "protocol" | "aborted" | "other";

export interface Failure {
  kind: FailureKind;
  reason: string;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME|ALTNAME|DEPTH_ZERO/;

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  return "";
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * `phase` says what we were waiting for when the clock ran out (connecting, response headers,
 * reading the body), which tells a hang from a slow drip.
 */
export function describeFailure(err: unknown, ctx: { timedOut: boolean; timeoutMs: number; phase: string }): Failure {
  const code = codeOf(err);
  if (ctx.timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return { kind: "timeout", reason: `timed out after ${ctx.timeoutMs} ms ${ctx.phase}` };
  }
  if (code === "ECONNREFUSED") return { kind: "refused", reason: "connection refused (nothing listening on that port?)" };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") {
    return { kind: "dns", reason: `host name could not be resolved (${code})` };
  }
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(messageOf(err))) {
    // OpenSSL's messages read "…:SSL routines:ssl3_get_record:wrong version number:file.c:350:".
    const openssl = /SSL routines:[^:]*:([^:]+):/.exec(messageOf(err))?.[1];
    const hint = code === "ERR_SSL_WRONG_VERSION_NUMBER" ? ", is that port speaking plain HTTP?" : "";
    return { kind: "tls", reason: `TLS failed: ${openssl ?? messageOf(err)}${code ? ` (${code}${hint})` : ""}` };
  }
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET" || code === "UND_ERR_CLOSED") {
    return { kind: "reset", reason: `connection closed by the server ${ctx.phase} (${code})` };
  }
  if (code.startsWith("HPE_") || (err as Error | null)?.name === "HTTPParserError") {
    return { kind: "protocol", reason: `the server answered something that is not valid HTTP (${code || messageOf(err)})` };
  }
  if ((err as Error | null)?.name === "AbortError" || code === "ABORT_ERR" || code === "UND_ERR_ABORTED") {
    return { kind: "aborted", reason: "cancelled: the probe's deadline passed or the audit was stopped" };
  }
  return { kind: "other", reason: `${messageOf(err)}${code ? ` (${code})` : ""}` };
}
