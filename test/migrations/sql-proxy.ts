import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy in front of PostgreSQL or MariaDB that records the text of every statement a
 * client sends (PostgreSQL: simple Query and Parse messages; MySQL: COM_QUERY and
 * COM_STMT_PREPARE), so a test sees on the wire what a probe sent, whatever the driver did.
 */
export interface SqlProxy {
  port: number;
  statements: string[];
  close(): Promise<void>;
}

export async function startSqlProxy(dialect: "postgres" | "mysql", targetPort: number): Promise<SqlProxy> {
  const statements: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    sockets.add(client).add(upstream);
    const feed = dialect === "postgres" ? pgReader(statements) : mysqlReader(statements);
    client.on("data", (chunk: Buffer) => {
      feed(chunk);
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
    statements,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function pgReader(out: string[]): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (startup) {
        if (buf.length < 8 || buf.length < buf.readInt32BE(0)) return;
        const code = buf.readInt32BE(4);
        buf = buf.subarray(buf.readInt32BE(0));
        if (code !== 80877103 && code !== 80877104) startup = false; // SSLRequest / GSSENCRequest
        continue;
      }
      if (buf.length < 5 || buf.length < buf.readInt32BE(1) + 1) return;
      const type = String.fromCharCode(buf[0]!);
      const body = buf.subarray(5, buf.readInt32BE(1) + 1);
      if (type === "Q") out.push(body.subarray(0, body.indexOf(0)).toString("utf8"));
      if (type === "P") {
        const afterName = body.indexOf(0) + 1;
        out.push(body.subarray(afterName, body.indexOf(0, afterName)).toString("utf8"));
      }
      buf = buf.subarray(buf.readInt32BE(1) + 1);
    }
  };
}

function mysqlReader(out: string[]): (chunk: Buffer) => void {
  let buf = Buffer.alloc(0);
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 4) {
      const len = buf.readUIntLE(0, 3);
      if (buf.length < len + 4) return;
      // A command starts a sequence (id 0): COM_QUERY 0x03, COM_STMT_PREPARE 0x16.
      if (buf[3] === 0 && (buf[4] === 0x03 || buf[4] === 0x16)) out.push(buf.subarray(5, len + 4).toString("utf8"));
      buf = buf.subarray(len + 4);
    }
  };
}
