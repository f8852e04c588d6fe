import { setMaxListeners } from "node:events";
import type { CollectContext } from "../../src/probe.js";
import type { Environment } from "../../src/map/schema.js";
import { redactUrl } from "../../src/redact.js";
import { httpClientFor } from "../http/shared.js";
import type { HttpClient, ResponseData } from "../http/client.js";
import { assertSafeMethod, describeRequest, requestBody, requestPath } from "../http/request.js";
import { inspectTls, TlsTimeout } from "../http/tls-info.js";
import type { TlsInfo } from "../http/tls-info.js";
import { describeFailure } from "../http/failure.js";
import type { StatusOptions, StatusRequest } from "./options.js";
import { classifyBody, jsonShape, pickValues } from "./shape.js";
import { hideSecretLooking } from "./headers.js";
import { defaultHasher } from "../../src/secret-hash.js";
import type { AnswerSample, RequestEvidence, Sample, StatusSnapshot } from "./types.js";

/** Sends every request `samplesPerRequest` times (interleaved, within the caps) and records what came back. */
export async function collectStatus(env: Environment, ctx: CollectContext<StatusOptions>): Promise<StatusSnapshot> {
  const o = ctx.options;
  for (const r of o.requests) assertSafeMethod(r, o.allowUnsafeMethods);
  const client = httpClientFor(env, ctx);
  for (const r of o.requests) client.redactor.addHeaderValues(r.headers);
  const signal = AbortSignal.any([ctx.signal]);
  setMaxListeners(o.requests.length * o.samplesPerRequest + 16, signal);

  const tls = client.baseUrl.protocol === "https:" ? await tlsOf(client, env.name, signal, o.requestTimeoutMs) : null;

  const evidence: RequestEvidence[] = o.requests.map((r) => ({
    request: describeRequest(r),
    expect: r.expect === undefined ? null : Array.isArray(r.expect) ? r.expect : [r.expect],
    samples: [],
  }));
  // Round-robin over the requests so a side's samples of one request are spread in time.
  const jobs: Array<Promise<void>> = [];
  for (let round = 0; round < o.samplesPerRequest; round++) {
    o.requests.forEach((r, i) => {
      jobs.push(sampleOnce(client, r, o, signal).then((s) => void (evidence[i].samples[round] = s)));
    });
  }
  await Promise.all(jobs);

  const all = evidence.flatMap((e) => e.samples);
  if (all.every((s) => "error" in s)) {
    const first = all[0] as { reason: string };
    throw client.error(`${client.describe(o.requests[0].method, requestPath(o.requests[0]))}: ${first.reason} (every request failed)`);
  }
  const snapshot: StatusSnapshot = client.redactor.scrubValue({
    baseUrl: redactUrl(client.baseUrl.toString()),
    scheme: client.baseUrl.protocol === "https:" ? "https" : "http",
    insecure: client.insecure,
    tls,
    hashKey: ctx.hashKey ?? defaultHasher().keyId,
    caps: client.caps,
    requests: evidence,
  });
  // After the map's own secrets are scrubbed: what still looks like a credential is kept by hash.
  await hideSecretLooking(snapshot.requests, ctx.secretHash ?? defaultHasher().hash);
  return snapshot;
}

async function tlsOf(client: HttpClient, envName: string, signal: AbortSignal, timeoutMs: number): Promise<TlsInfo> {
  let info: TlsInfo;
  try {
    info = await inspectTls(client, { signal, timeoutMs });
  } catch (err) {
    if (signal.aborted) throw err;
    const f = describeFailure(err, { timedOut: err instanceof TlsTimeout, timeoutMs, phase: "in the TLS handshake" });
    throw client.error(`TLS handshake with ${client.origin} failed: ${f.reason.replace(/^TLS failed: /, "")}`, err);
  }
  if (!info.authorized && !client.insecure) {
    throw client.error(
      `the TLS certificate of ${client.origin} does not verify (${info.authorizationError}); ` +
        `set http.insecure: true on environment ${envName} to audit it anyway (the report will say so)`,
    );
  }
  return info;
}

async function sampleOnce(client: HttpClient, r: StatusRequest, o: StatusOptions, signal: AbortSignal): Promise<Sample> {
  const { body, contentType } = requestBody(r);
  const result = await client.send(
    {
      method: r.method,
      path: requestPath(r),
      headers: { ...(contentType ? { "content-type": contentType } : {}), ...(r.headers ?? {}) },
      body,
    },
    { signal, timeoutMs: o.requestTimeoutMs },
  );
  if (!result.ok) return { error: result.failure.kind, reason: client.redactor.scrub(result.failure.reason) };
  return answer(client, result.response, o);
}

function answer(client: HttpClient, res: ResponseData, o: StatusOptions): AnswerSample {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    const values = Array.isArray(value) ? value : [value];
    headers[name] = name === "set-cookie" ? values.map(cookieShape).sort().join(", ") : values.join(", ");
  }
  const contentType = headers["content-type"] ?? null;
  const body = o.compare.body === "none" && o.compare.values.length === 0 ? { kind: classifyBody(res.body, contentType).kind } : classifyBody(res.body, contentType);
  const json = "json" in body ? body.json : undefined;
  return {
    status: res.status,
    location: headers.location ? normaliseLocation(client, headers.location) : null,
    contentType: contentType ? contentType.toLowerCase().replace(/\s+/g, "") : null,
    headers,
    bodyKind: body.kind,
    shape: o.compare.body === "shape" && body.kind === "json" ? jsonShape(json) : null,
    values: body.kind === "json" ? pickValues(json, o.compare.values) : {},
  };
}

/** `sid=abc123; Path=/; HttpOnly` → `sid=…; Path=/; HttpOnly`: cookie values are volatile (and often secret). */
function cookieShape(cookie: string): string {
  const [first, ...attrs] = cookie.split(";").map((p) => p.trim());
  const name = first.split("=")[0];
  return [`${name}=…`, ...attrs.filter((a) => !/^expires=/i.test(a))].join("; ");
}

/** A redirect target inside the environment becomes a path relative to its baseUrl, so both sides compare. */
function normaliseLocation(client: HttpClient, location: string): string {
  try {
    const url = new URL(location, client.baseUrl);
    if (url.origin === client.origin && (client.basePath === "" || url.pathname.startsWith(`${client.basePath}/`) || url.pathname === client.basePath)) {
      return url.pathname.slice(client.basePath.length) + url.search + url.hash || "/";
    }
    return redactUrl(url.toString());
  } catch {
    return location;
  }
}
