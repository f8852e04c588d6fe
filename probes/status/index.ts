import { defineProbe, lazy } from "../../src/probe.js";
import { compareStatus } from "./compare.js";
import { statusOptions } from "./options.js";
import type { StatusOptions } from "./options.js";
import type { StatusSnapshot } from "./types.js";
import { httpTarget } from "../http/target.js";

/**
 * `kind: status` — sends the same requests to both sides a few times each and compares
 * status codes, redirects, content types, JSON body shapes and headers (volatile ones found
 * from each side's own samples), plus security headers, auth and TLS on the security dimension.
 */
export const statusProbe = defineProbe<StatusOptions, StatusSnapshot>({
  kind: "status",
  dimension: "test-reliability",
  // Auth answers, security headers and TLS: a clean run is evidence about security too.
  covers: ["security"],
  nouns: { one: "HTTP behaviour differs", many: "HTTP behaviours differ" },
  description: "Status codes, redirects, content types, body shapes, headers and TLS of chosen requests, staging vs production",
  target: httpTarget,
  options: statusOptions,
  defaultTimeoutMs: 60_000,
  // Loaded when the probe runs: its drivers stay out of `map validate` and other probes' audits.
  collect: lazy(async () => (await import("./collect.js")).collectStatus),
  compare: compareStatus,
});
