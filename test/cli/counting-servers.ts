import { createServer, type Server } from "node:http";
import net from "node:net";

export interface CountingTargets {
  env: NodeJS.ProcessEnv;
  /** Requests the HTTP server answered and connections the database listener accepted. */
  counts(): { http: number; db: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * The targets of test/fixtures/counted: a real HTTP server on 127.0.0.1 (config endpoints and a
 * service for each side) and a TCP listener standing in for a database that counts and refuses
 * every connection. They let a test prove a command touched no target.
 */
export async function countingTargets(): Promise<CountingTargets> {
  let http = 0;
  let db = 0;
  const server: Server = createServer((req, res) => {
    http++;
    const production = req.url?.startsWith("/production") ?? false;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url?.endsWith("/config")) return json(200, { RETRY_LIMIT: production ? "3" : "5", PAYMENT_TIMEOUT_MS: production ? "1500" : "3000", CURRENCY: "EUR" });
    if (req.url?.endsWith("/v1/admin/users")) return json(production ? 401 : 200, {});
    return json(200, { ok: true });
  });
  const listener = net.createServer((socket) => {
    db++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const port = (s: { address(): unknown }) => (s.address() as net.AddressInfo).port;
  return {
    env: { COUNTED_HTTP: `http://127.0.0.1:${port(server)}`, COUNTED_DB_PORT: String(port(listener)) },
    counts: () => ({ http, db }),
    reset: () => {
      http = 0;
      db = 0;
    },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => listener.close(resolve));
    },
  };
}
