import { z } from "zod";
import { requestFields } from "../http/request.js";
import { LOAD_BOUNDS, boundMessage } from "../http/caps.js";
import { grouped } from "../../src/grouped.js";

const statusCode = z.number().int().min(100).max(599);

export const statusRequestSchema = z
  .strictObject({
    ...requestFields,
    expect: z
      .union([statusCode, z.array(statusCode).min(1)])
      .optional()
      .describe("Status code(s) both sides should answer; anything else is reported"),
  })
  .refine((r) => r.json === undefined || r.body === undefined, "give json or body, not both")
  .describe("One request to send to both sides");

export const statusCompareSchema = z
  .strictObject({
    headers: z
      .array(z.string())
      .default(["*"])
      .describe("Globs of response headers to compare (security headers are always compared)"),
    ignoreHeaders: z
      .array(z.string())
      .default([])
      .describe("Globs of response headers never to compare (volatile ones such as Date are found automatically)"),
    body: z.enum(["shape", "none"]).default("shape").describe("shape: compare JSON key paths and value types; none: ignore bodies"),
    values: z
      .array(z.string())
      .default([])
      .describe("Globs of JSON paths whose values are compared too, e.g. $.currency or $.limits.*"),
  })
  .describe("What to compare besides status codes");

export const statusOptions = {
  requests: z
    .array(statusRequestSchema)
    .min(1)
    .max(LOAD_BOUNDS.statusRequests, boundMessage("requests per status probe", LOAD_BOUNDS.statusRequests))
    .describe("The requests to send to both sides"),
  samplesPerRequest: z
    .number()
    .int()
    .min(1)
    .max(LOAD_BOUNDS.statusSamples, boundMessage("samples per request", LOAD_BOUNDS.statusSamples))
    .default(3)
    .describe("How often each request is sent; differences between a side's own samples mark volatile headers and fields"),
  compare: statusCompareSchema.default({ headers: ["*"], ignoreHeaders: [], body: "shape", values: [] }),
  requestTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(LOAD_BOUNDS.requestTimeoutMs, `at most ${grouped(LOAD_BOUNDS.requestTimeoutMs)} ms: a request held longer is a hung server, not a slow one`)
    .default(10_000)
    .describe("Timeout of each request"),
  allowUnsafeMethods: z.boolean().default(false).describe("Allow methods other than GET, HEAD and OPTIONS"),
};

const optionsObject = z.object(statusOptions);
export type StatusOptions = z.output<typeof optionsObject>;
export type StatusRequest = z.output<typeof statusRequestSchema>;
