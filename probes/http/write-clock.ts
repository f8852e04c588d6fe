import { subscribe } from "node:diagnostics_channel";

/**
 * How long undici took from a `request()` call to writing that request on its socket: parity's
 * own time, which the latency probe takes out of what it charges the service (wrk starts its
 * clock at the write too). On a kept-alive connection undici first yields one turn of the event
 * loop to check the idle socket (GHSA-35p6-xmwp-9g52), then builds and writes the request:
 * ~0.19 ms of a 16 ms median here, more when the process wakes cold between requests at 10/s.
 *
 * undici says when it writes a request's headers only on its diagnostics channels (no handler
 * hook or option does; `onRequestSent` comes after the body). Two waits stay in (writeMs 0), as
 * the service's to answer for or as not known to be parity's: a request written on a connection
 * that opened after the call (a TCP and TLS handshake), and one undici queued because no
 * connection was free at the call (it creates that request later, so it cannot be told apart).
 */
interface Watch {
  startedAt: number;
  wroteAt?: number;
}

type Message = { request?: object; socket?: object };
const watches = new WeakMap<object, Watch>();
const connectedAt = new WeakMap<object, number>();
let creating: Watch | undefined;
let subscribed = false;

function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  // undici creates the request inside the call, synchronously: the one created then is the call's.
  subscribe("undici:request:create", (message) => {
    const { request } = message as Message;
    if (creating && request) watches.set(request, creating);
    creating = undefined;
  });
  subscribe("undici:client:connected", (message) => {
    const { socket } = message as Message;
    if (socket) connectedAt.set(socket, performance.now());
  });
  subscribe("undici:client:sendHeaders", (message) => {
    const { request, socket } = message as Message;
    const watch = request && watches.get(request);
    if (!watch) return;
    watches.delete(request);
    const connected = socket && connectedAt.get(socket);
    if (connected === undefined || connected < watch.startedAt) watch.wroteAt = performance.now();
  });
}

/**
 * Runs `send` (a call that dispatches one undici request) and gives its result with a way to
 * read, once the response is in, how long undici took to write the request (0 when unknown).
 */
export function timeTheWrite<T>(send: () => T): { result: T; writeMs: () => number } {
  subscribeOnce();
  const watch: Watch = { startedAt: performance.now() };
  creating = watch;
  try {
    const result = send();
    return { result, writeMs: () => (watch.wroteAt === undefined ? 0 : watch.wroteAt - watch.startedAt) };
  } finally {
    creating = undefined;
  }
}
