import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { HttpClient } from "./client.js";

/**
 * The environment's one HTTP client for this audit: every HTTP probe against `env` gets the
 * same pool and therefore the same caps, and the runner closes it when the audit ends.
 */
export function httpClientFor(env: Environment, ctx: CollectContext<unknown>): HttpClient {
  const settings = env.http ?? { maxConcurrency: 4, maxRatePerSecond: 20, insecure: false };
  return ctx.shared("http", () => new HttpClient(settings, env.name, ctx.allowLoad));
}
