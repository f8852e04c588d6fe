import { z } from "zod";
import { secretHeaders, snapshotFile } from "../../src/map/target-fields.js";
import { urlSecrets } from "../../src/redact.js";
import { defineTarget } from "../../src/target.js";
import { LOAD_BOUNDS, boundMessage } from "./caps.js";

export const httpSchema = z
  .strictObject({
    baseUrl: z.string().min(1).optional().describe("Base URL that request paths are appended to"),
    headers: secretHeaders.optional(),
    maxConcurrency: z
      .number()
      .int()
      .positive()
      .max(LOAD_BOUNDS.concurrency, boundMessage("requests in flight per environment", LOAD_BOUNDS.concurrency))
      .default(4)
      .describe(`Most requests in flight at once against this service, across all HTTP probes (at most ${LOAD_BOUNDS.concurrency})`),
    maxRatePerSecond: z
      .number()
      .positive()
      .max(LOAD_BOUNDS.ratePerSecond, boundMessage("requests per second per environment", LOAD_BOUNDS.ratePerSecond))
      .default(20)
      .describe(`Most requests started per second against this service, across all HTTP probes (at most ${LOAD_BOUNDS.ratePerSecond})`),
    insecure: z
      .boolean()
      .default(false)
      .describe("Skip TLS certificate verification for this service (the report says so)"),
    snapshot: snapshotFile.optional(),
  })
  .describe("An HTTP service, for the latency and status probes");

export type HttpTarget = z.infer<typeof httpSchema>;

/** `http:` / `services: { api: …, admin: … }`, read by the latency and status probes. */
export const httpTarget = defineTarget<HttpTarget>({
  section: "http",
  named: "services",
  probeKey: "service",
  noun: "HTTP service",
  schema: httpSchema,
  sources: ["baseUrl", "snapshot"],
  addSecrets(section, redactor) {
    if (section.baseUrl) redactor.add(...urlSecrets(section.baseUrl));
    redactor.addHeaderValues(section.headers);
  },
});
