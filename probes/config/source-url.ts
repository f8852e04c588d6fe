import { Agent, request } from "undici";
import { ProbeError } from "../../src/errors.js";
import { redactUrl, Redactor, urlSecrets } from "../../src/redact.js";
import { parseConfig } from "./parse.js";
import type { FlatConfig } from "./types.js";

/** A config endpoint larger than this is not a config endpoint; refuse rather than buffer it. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface UrlSourceOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

/** GETs a JSON object from an HTTP endpoint. Errors name the (redacted) URL, never a header value. */
export async function fetchConfigUrl<T = FlatConfig>(
  url: string,
  options: UrlSourceOptions,
  parse: (body: string, what: string) => T = (body, what) => parseConfig(body, "json", what) as T,
): Promise<T> {
  const what = `config endpoint ${redactUrl(url)}`;
  // Belt and braces: every message below is built from our own words, but scrub anyway in case
  // a library message ever echoes the request.
  const redactor = new Redactor().addHeaderValues(options.headers).add(...urlSecrets(url));
  const fail = (message: string, cause?: unknown): ProbeError => new ProbeError(redactor.scrub(message), { cause });

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail(`${what} is not a valid URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw fail(`${what} is not an http(s) URL`);

  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, timeout]);
  // A private agent per source, closed below: a keep-alive socket in the global pool would
  // otherwise hold the CLI open for seconds after the audit.
  const agent = new Agent({ connect: { timeout: options.timeoutMs } });
  try {
    const res = await request(parsed, {
      method: "GET",
      headers: { accept: "application/json", ...options.headers },
      dispatcher: agent,
      signal,
    });
    const contentType = String(res.headers["content-type"] ?? "").split(";")[0].trim();
    if (res.statusCode < 200 || res.statusCode > 299) {
      await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      const hint = res.statusCode >= 300 && res.statusCode < 400 ? " (redirects are not followed)" : "";
      throw fail(`${what} answered HTTP ${res.statusCode}${hint}`);
    }
    const text = await readBody(res.body, what);
    if (/html/i.test(contentType) || /^\s*</.test(text)) {
      throw fail(`${what} answered HTML, not JSON (HTTP ${res.statusCode}${contentType ? `, ${contentType}` : ""})`);
    }
    return parse(text, what);
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    if (timeout.aborted) throw fail(`${what} timed out after ${options.timeoutMs} ms`, error);
    if (options.signal.aborted) throw fail(`${what} was not read: the probe was cancelled`, error);
    throw fail(`${what} ${networkProblem(error)}`, error);
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

async function readBody(body: AsyncIterable<Buffer>, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ProbeError(`${what} answered more than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function networkProblem(error: unknown): string {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  switch (code) {
    case "ECONNREFUSED":
      return "refused the connection (is the service running?)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "has a host name that does not resolve";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return "closed the connection before answering";
    case "UND_ERR_CONNECT_TIMEOUT":
      return "did not accept the connection in time";
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "answered too slowly";
    default:
      return `could not be read (${code ?? (error as Error).name ?? "unknown error"})`;
  }
}
