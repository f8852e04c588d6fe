import { subscribe } from "node:diagnostics_channel";

/**
 * When undici put a request on the wire and when it had read the last byte of the answer: the
 * HTTP client's own time around the exchange, which the latency probe takes out of what it charges
 * the service (wrk, too, times from its write to its read). On a kept-alive connection undici
 * first yields one turn of the event loop to check the idle socket (GHSA-35p6-xmwp-9g52), then
 * builds and writes the request; after the last byte it hands the body over through a stream.
 * Measured here: 0.13–0.37 ms a request, more when the process wakes cold between requests.
 *
 * undici says when it writes a request's headers and completes its response only on its
 * diagnostics channels (no handler hook or option does). Two waits stay in, as the service's to
 * answer for or as not known to be parity's: a request written on a connection that opened after
 * the call (a TCP and TLS handshake), and one undici queued because no connection was free at the
 * call (it creates that request later, so it cannot be told apart from another).
 */
interface Watch {
  startedAt: number;
  wroteAt?: number;
  completedAt?: number;
}

type Message = { request?: object; socket?: object };
const watches = new WeakMap<object, Watch>();
const connectedAt = new WeakMap<object, number>();
let creating: Watch | undefined;

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
  const connected = socket && connectedAt.get(socket);
  if (connected === undefined || connected < watch.startedAt) watch.wroteAt = performance.now();
  else watches.delete(request); // a new connection's handshake: nothing to take out either side
});
// Published as the parser completes the response: its last byte is in.
subscribe("undici:request:trailers", (message) => {
  const { request } = message as Message;
  const watch = request && watches.get(request);
  if (!watch) return;
  watches.delete(request);
  watch.completedAt = performance.now();
});

export interface OnTheWire<T> {
  result: T;
  /** undici's own ms between the call and `endedAt` (0 for what is not known). */
  clientMs(endedAt: number): number;
}

/**
 * Runs `send` (a call that dispatches one undici request) and gives its result with a way to
 * read, once the response has been read to `endedAt`, how much of the time since the call was
 * undici's own: writing the request, and handing over the response after its last byte (0 for
 * what is not known).
 */
export function timeOnTheWire<T>(send: () => T): OnTheWire<T> {
  const watch: Watch = { startedAt: performance.now() };
  creating = watch;
  try {
    const result = send();
    const clientMs = (endedAt: number) => {
      if (watch.wroteAt === undefined) return 0;
      const writing = watch.wroteAt - watch.startedAt;
      const reading = watch.completedAt === undefined ? 0 : Math.max(0, endedAt - watch.completedAt);
      return writing + reading;
    };
    return { result, clientMs };
  } finally {
    creating = undefined;
  }
}
