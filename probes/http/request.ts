import { z } from "zod";
import { ProbeError } from "../../src/errors.js";
import type { JsonValue } from "../../src/types.js";

/** Methods that cannot change anything on a well-behaved server. */
export const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"] as const;

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const queryValue = z.union([z.string(), z.number(), z.boolean()]);

/** The fields of one request as written in the map (shared by the latency and status probes). */
export const requestFields = {
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, "expected an HTTP method such as GET")
    .transform((m) => m.toUpperCase())
    .default("GET")
    .describe("HTTP method; only GET, HEAD and OPTIONS unless the probe sets allowUnsafeMethods"),
  path: z.string().startsWith("/", "a path starts with /").describe("Path appended to the environment's baseUrl"),
  query: z
    .record(z.string(), z.union([queryValue, z.array(queryValue)]))
    .optional()
    .describe("Query parameters"),
  headers: z
    .record(z.string(), z.string())
    .optional()
    .describe("Extra headers for this request; values never appear in any output"),
  json: jsonValue.optional().describe("A JSON body (sets Content-Type: application/json)"),
  body: z.string().optional().describe("A raw body"),
};

export const requestSchema = z
  .strictObject(requestFields)
  .refine((r) => r.json === undefined || r.body === undefined, "give json or body, not both")
  .describe("One HTTP request");

export type RequestSpec = z.infer<typeof requestSchema>;

/** `GET /v1/score?customer=42`: how observations and errors name a request. */
export function describeRequest(spec: RequestSpec): string {
  return `${spec.method} ${requestPath(spec)}`;
}

/** The path and query relative to the base URL, as sent. */
export function requestPath(spec: Pick<RequestSpec, "path" | "query">): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const qs = params.toString();
  return qs ? `${spec.path}${spec.path.includes("?") ? "&" : "?"}${qs}` : spec.path;
}

/** Refuses methods that could change data, unless the probe opted in. */
export function assertSafeMethod(spec: RequestSpec, allowUnsafeMethods: boolean): void {
  if (allowUnsafeMethods || (SAFE_METHODS as readonly string[]).includes(spec.method)) return;
  throw new ProbeError(
    `${describeRequest(spec)}: only ${SAFE_METHODS.join(", ")} are sent unless the probe sets allowUnsafeMethods: true`,
  );
}

/** The body and the content type it implies. */
export function requestBody(spec: RequestSpec): { body?: string; contentType?: string } {
  if (spec.json !== undefined) return { body: JSON.stringify(spec.json), contentType: "application/json" };
  if (spec.body !== undefined) return { body: spec.body };
  return {};
}
