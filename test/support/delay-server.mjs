// A target service in a process of its own, so its timers never share the test's event loop:
// it answers every request after `--delay` ms (plus `--jitter`·(i mod 3)), counts them, and
// reports how long it really held each one at GET /__parity_test/held (not counted).
import { createServer } from "node:http";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const delay = arg("delay", 0);
const jitter = arg("jitter", 0);
const held = [];
let count = 0;

const server = createServer((req, res) => {
  if (req.url === "/__parity_test/held") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ count, held }));
    return;
  }
  const n = count++;
  const t0 = performance.now();
  setTimeout(() => {
    held.push(performance.now() - t0);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(`{"n":${n}}`);
  }, delay + jitter * (n % 3));
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
