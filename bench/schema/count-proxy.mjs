// A TCP proxy that counts the statements a client sends to PostgreSQL or MySQL/MariaDB, so
// every tool's statements are counted the same way, on the wire, without server logging.
// Hand-written: no package counts protocol messages; it is a few lines of framing.
import net from "node:net";

/** PostgreSQL: after the untyped startup packets, each message is type byte + int32 length. Counts Query and Execute. */
function pgCounter() {
  let buf = Buffer.alloc(0);
  let startup = true;
  let count = 0;
  return {
    feed(chunk) {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (startup) {
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          const code = buf.readInt32BE(4);
          buf = buf.subarray(len);
          // SSLRequest / GSSENCRequest come before the real startup packet.
          if (code !== 80877103 && code !== 80877104) startup = false;
          continue;
        }
        if (buf.length < 5) return;
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) return;
        const type = String.fromCharCode(buf[0]);
        if (type === "Q" || type === "E") count++;
        buf = buf.subarray(len + 1);
      }
    },
    get count() {
      return count;
    },
  };
}

/** MySQL: packets are 3-byte length + sequence id; a command starts at sequence 0. Counts COM_QUERY and COM_STMT_EXECUTE. */
function mysqlCounter() {
  let buf = Buffer.alloc(0);
  let count = 0;
  return {
    feed(chunk) {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 4) {
        const len = buf.readUIntLE(0, 3);
        if (buf.length < len + 4) return;
        const seq = buf[3];
        if (seq === 0 && len > 0 && (buf[4] === 0x03 || buf[4] === 0x17)) count++;
        buf = buf.subarray(len + 4);
      }
    },
    get count() {
      return count;
    },
  };
}

/** Starts a proxy to 127.0.0.1:targetPort; `count()` is the statements seen so far. */
export async function startCountingProxy(dialect, targetPort) {
  const counters = [];
  const server = net.createServer((client) => {
    const counter = dialect === "postgres" ? pgCounter() : mysqlCounter();
    counters.push(counter);
    const upstream = net.connect(targetPort, "127.0.0.1");
    client.on("data", (d) => {
      counter.feed(d);
      upstream.write(d);
    });
    upstream.on("data", (d) => client.write(d));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    count: () => counters.reduce((n, c) => n + c.count, 0),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
