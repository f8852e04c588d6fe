import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy in front of a real redis-server that decodes every command a client sends
 * (RESP arrays of bulk strings, or inline commands) and records it before passing the bytes
 * on. Tests read `commands` to prove what reached the wire, whatever the client library did.
 */
export interface RespProxy {
  port: number;
  /** Every command seen, as its arguments (name first), in order. */
  commands: string[][];
  close(): Promise<void>;
}

export async function startRespProxy(targetPort: number): Promise<RespProxy> {
  const commands: string[][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const parsed = parseCommand(pending);
        if (!parsed) break;
        commands.push(parsed.args);
        pending = pending.subarray(parsed.length);
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const end = () => (client.destroy(), upstream.destroy());
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    commands,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One complete command at the start of `buf`, or null when more bytes are needed. */
function parseCommand(buf: Buffer): { args: string[]; length: number } | null {
  if (buf.length === 0) return null;
  const lineEnd = (from: number) => {
    const i = buf.indexOf("\r\n", from);
    return i < 0 ? -1 : i;
  };
  if (buf[0] !== 0x2a /* '*' */) {
    const end = lineEnd(0);
    if (end < 0) return null;
    return { args: buf.subarray(0, end).toString("utf8").trim().split(/\s+/), length: end + 2 };
  }
  let end = lineEnd(0);
  if (end < 0) return null;
  const count = Number(buf.subarray(1, end).toString());
  let offset = end + 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    end = lineEnd(offset);
    if (end < 0) return null;
    const size = Number(buf.subarray(offset + 1, end).toString());
    const start = end + 2;
    if (buf.length < start + size + 2) return null;
    args.push(buf.subarray(start, start + size).toString("utf8"));
    offset = start + size + 2;
  }
  return { args, length: offset };
}
