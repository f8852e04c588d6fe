import { connect } from "node:tls";
import { isIP } from "node:net";
import type { HttpClient } from "./client.js";

/** What the environment's TLS endpoint presented, verified or not. */
export interface TlsInfo {
  [key: string]: string | boolean | null;
  protocol: string | null;
  /** The chain verified against the system's CAs and the host name matched. */
  authorized: boolean;
  /** Why verification failed (e.g. DEPTH_ZERO_SELF_SIGNED_CERT), when it did. */
  authorizationError: string | null;
  validFrom: string | null;
  validTo: string | null;
  issuer: string | null;
  subject: string | null;
}

function name(entity: Record<string, string | string[] | undefined> | undefined): string | null {
  if (!entity) return null;
  const parts = ["CN", "O"].map((k) => entity[k]).filter((v): v is string | string[] => v !== undefined);
  return parts.length ? parts.map((v) => (Array.isArray(v) ? v.join("+") : v)).join(", ") : null;
}

/**
 * One handshake, inside the environment's caps, with verification off so that even a bad
 * certificate can be described; whether it *would* verify is reported in `authorized`.
 */
export function inspectTls(client: HttpClient, opts: { signal: AbortSignal; timeoutMs: number }): Promise<TlsInfo> {
  const url = client.baseUrl;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return client.withinCaps(
    opts.signal,
    () =>
      new Promise<TlsInfo>((resolve, reject) => {
        const socket = connect({
          host,
          port: Number(url.port || 443),
          servername: isIP(host) ? undefined : host,
          rejectUnauthorized: false,
          ALPNProtocols: ["http/1.1"],
        });
        const fail = (err: Error): void => {
          cleanup();
          socket.destroy();
          reject(err);
        };
        const timer = setTimeout(() => fail(new TlsTimeout(`timed out after ${opts.timeoutMs} ms in the TLS handshake`)), opts.timeoutMs);
        const onAbort = (): void => fail(opts.signal.reason as Error);
        const cleanup = (): void => {
          clearTimeout(timer);
          opts.signal.removeEventListener("abort", onAbort);
        };
        opts.signal.addEventListener("abort", onAbort, { once: true });
        socket.once("error", fail);
        socket.once("secureConnect", () => {
          cleanup();
          const cert = socket.getPeerCertificate(false);
          const has = cert && Object.keys(cert).length > 0;
          const iso = (d: string | undefined): string | null => (d ? new Date(d).toISOString() : null);
          const authError = socket.authorizationError as unknown;
          resolve({
            protocol: socket.getProtocol(),
            authorized: socket.authorized,
            authorizationError: authError ? String((authError as { code?: string }).code ?? authError) : null,
            validFrom: has ? iso(cert.valid_from) : null,
            validTo: has ? iso(cert.valid_to) : null,
            issuer: has ? name(cert.issuer as unknown as Record<string, string>) : null,
            subject: has ? name(cert.subject as unknown as Record<string, string>) : null,
          });
          socket.end();
        });
      }),
  );
}

export class TlsTimeout extends Error {}
