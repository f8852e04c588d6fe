import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join } from "node:path";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Running {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, a random port. */
export async function listen(server: Server, scheme: "http" | "https" = "http"): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Running> {
  return listen(createServer(handler));
}

/**
 * Answers 200 after the delay `delayMs(i)` for the i-th request (counted from 0); `held`
 * receives how long each request was really held (timers fire late on a busy machine).
 */
export function delayed(delayMs: (i: number) => number, status: (i: number) => number = () => 200, held: number[] = []): Promise<Running> {
  let i = 0;
  return serve((_req, res) => {
    const n = i++;
    const t0 = performance.now();
    setTimeout(() => {
      held.push(performance.now() - t0);
      res.writeHead(status(n), { "content-type": "application/json" });
      res.end(`{"n":${n}}`);
    }, delayMs(n));
  });
}

/** A self-signed certificate for 127.0.0.1, made with openssl at test time. */
export function selfSigned(dir: string, cn: string, days: number): { key: Buffer; cert: Buffer } {
  const key = join(dir, `${cn}-${days}.key`);
  const cert = join(dir, `${cn}-${days}.crt`);
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", String(days), "-subj", `/CN=${cn}/O=${cn} test`, "-addext", "subjectAltName=IP:127.0.0.1"],
    { stdio: "ignore" },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export function serveHttps(tls: { key: Buffer; cert: Buffer }, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Running> {
  return listen(createHttpsServer(tls, handler) as unknown as Server, "https");
}

