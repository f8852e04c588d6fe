import { createServer } from "node:http";
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

/** Answers 200 after the delay `delayMs(i)` for the i-th request (counted from 0). */
export function delayed(delayMs: (i: number) => number, status: (i: number) => number = () => 200): Promise<Running> {
  let i = 0;
  return serve((_req, res) => {
    const n = i++;
    setTimeout(() => {
      res.writeHead(status(n), { "content-type": "application/json" });
      res.end(`{"n":${n}}`);
    }, delayMs(n));
  });
}
