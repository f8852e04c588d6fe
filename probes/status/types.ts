import type { JsonValue } from "../../src/types.js";
import type { FailureKind } from "../http/failure.js";
import type { TlsInfo } from "../http/tls-info.js";
import type { EffectiveCaps } from "../http/caps.js";

/** One answer to one request. Header values are already scrubbed of the map's secrets. */
export interface AnswerSample {
  status: number;
  /** Redirect target relative to the environment's baseUrl when it points inside it, else absolute. */
  location: string | null;
  contentType: string | null;
  /** Lower-case header names; Set-Cookie reduced to cookie names and attributes. */
  headers: Record<string, string>;
  bodyKind: "json" | "html" | "text" | "empty" | "binary";
  /** JSON key path → type (`$.items[].id` → `number`); null when the body is not JSON or not compared. */
  shape: Record<string, string> | null;
  /** Values at the paths the map asked for. */
  values: Record<string, JsonValue>;
}

export interface FailedSample {
  error: FailureKind;
  reason: string;
}

export type Sample = AnswerSample | FailedSample;

export interface RequestEvidence {
  /** `GET /v1/admin/users`. */
  request: string;
  expect: number[] | null;
  samples: Sample[];
}

export interface StatusSnapshot {
  /** The base URL, secrets redacted. */
  baseUrl: string;
  scheme: "http" | "https";
  /** Certificates were not verified (`http.insecure: true`). */
  insecure: boolean;
  tls: TlsInfo | null;
  /** Which key hashed the values hidden as «redacted:…» (src/secret-hash.ts); absent in older snapshots. */
  hashKey?: string;
  /** The environment's caps this probe ran under (absent in snapshots written before they were recorded). */
  caps?: EffectiveCaps;
  requests: RequestEvidence[];
}

export const isFailed = (s: Sample): s is FailedSample => "error" in s;
