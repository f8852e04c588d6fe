// Loopback target for bench/http.mjs, in its own process so the client's work never delays it.
//   node bench/http/server.mjs fast     answers "ok" at once
//   node bench/http/server.mjs delays   holds request i for DELAYS[i % 1000] ms, precisely
// Prints the port on stdout; GET /stats answers the hold times it actually produced.
// bench/http.mjs keeps a copy of DELAYS to compute the true percentiles.
import { createServer } from "node:http";

const DELAYS = Array.from({ length: 1000 }, (_, i) => {
  // A skewed distribution (5–50 ms, long right tail) in a fixed scrambled order.
  const u = ((i * 617) % 1000) / 1000;
  return 5 + 45 * u * u;
});

const mode = process.argv[2] ?? "fast";
const held = [];
let n = 0;

/** setTimeout fires up to a few ms late; sleep short of the target and spin the rest. */
function holdFor(ms, done) {
  const start = process.hrtime.bigint();
  const target = start + BigInt(Math.round(ms * 1e6));
  const spin = () => {
    if (process.hrtime.bigint() >= target) return done(Number(process.hrtime.bigint() - start) / 1e6);
    setImmediate(spin);
  };
  setTimeout(spin, Math.max(0, ms - 2));
}

const server = createServer((req, res) => {
  if (req.url === "/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(held));
  }
  if (mode === "fast") return res.end("ok");
  const delay = DELAYS[n++ % DELAYS.length];
  holdFor(delay, (actual) => {
    held.push(actual);
    res.end("ok");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
