import type { Socket } from "node:net";
import { buildConnector, errors } from "undici";

/**
 * undici's own connector with a connect deadline that is exact. undici times connects (TCP and
 * the TLS handshake) on its "fast timers", which tick every ~500 ms, and a request's abort does
 * not end a connect in progress: a handshake that never completes failed 1.0–1.5 s into a 1 s
 * timeout (10 s by default). This wraps undici's connector with a plain timer that destroys the
 * socket at the deadline; undici's options (TLS verification, session cache) are unchanged.
 */
export function connectorWithin(timeoutMs: number, options: { rejectUnauthorized: boolean }): buildConnector.connector {
  const connect = buildConnector({ ...options, timeout: 0 });
  return (opts, callback) => {
    let settled = false;
    let socket: Socket | undefined;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      socket?.destroy();
      callback(new errors.ConnectTimeoutError(`connect timed out after ${timeoutMs} ms`), null);
    }, timeoutMs);
    // undici's connector returns the socket it is connecting (its typings say void).
    socket = (connect as unknown as (o: buildConnector.Options, cb: buildConnector.Callback) => Socket | undefined)(opts, (...args) => {
      if (settled) {
        args[1]?.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      callback(...args);
    });
  };
}
