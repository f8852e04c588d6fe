import { ProbeError } from "../../src/errors.js";
import { redactUrl } from "../../src/redact.js";
import { redactCommand, runConfigCommand } from "./source-command.js";
import { readConfigFile } from "./source-file.js";
import { fetchConfigUrl } from "./source-url.js";
import type { ConfigSource, FlatConfig } from "./types.js";

/** The schema's default, for environments built without it (tests, snapshots of older maps). */
const DEFAULT_SOURCE_TIMEOUT_MS = 10_000;

const KINDS = ["file", "url", "command"] as const;

export interface ReadContext {
  envName: string;
  mapDir: string;
  signal: AbortSignal;
}

/** Reads one environment's configuration as flat key → value text. */
export async function readSource(source: ConfigSource | undefined, ctx: ReadContext): Promise<FlatConfig> {
  if (!source) throw new ProbeError(`environment ${ctx.envName} has no config section (add config: { file | url | command })`);
  const kind = sourceKindOf(source, ctx.envName);
  const timeoutMs = source.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
  switch (kind) {
    case "file":
      return readConfigFile(source.file as string, ctx.mapDir, ctx.signal);
    case "url":
      return fetchConfigUrl(source.url as string, { headers: source.headers, timeoutMs, signal: ctx.signal });
    case "command":
      return runConfigCommand(source.command as string, { cwd: ctx.mapDir, timeoutMs, signal: ctx.signal });
  }
}

/**
 * Reads one source's raw text (a file, an endpoint's body or a command's stdout), with the same
 * bounds, timeouts and error messages as the config probe, and hands it to `parse`: for probes
 * that read a document of their own (feature flags) from a config source.
 */
export async function readSourceWith<T>(
  source: ConfigSource | undefined,
  ctx: ReadContext,
  parse: (text: string, what: string, path?: string) => T,
): Promise<T> {
  if (!source) throw new ProbeError(`environment ${ctx.envName} has no config section (add config: { file | url | command })`);
  const kind = sourceKindOf(source, ctx.envName);
  const timeoutMs = source.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
  switch (kind) {
    case "file":
      return readConfigFile(source.file as string, ctx.mapDir, ctx.signal, parse);
    case "url":
      return fetchConfigUrl(source.url as string, { headers: source.headers, timeoutMs, signal: ctx.signal }, parse);
    case "command":
      return runConfigCommand(source.command as string, { cwd: ctx.mapDir, timeoutMs, signal: ctx.signal }, parse);
  }
}

/** Where the values came from, safe to print: URL passwords and secret arguments hidden, header names only. */
export function describeSource(source: ConfigSource): string {
  if (source.file) return `file ${source.file}`;
  if (source.url) {
    const names = Object.keys(source.headers ?? {});
    return `url ${redactUrl(source.url)}${names.length ? ` (headers: ${names.join(", ")})` : ""}`;
  }
  if (source.command) return `command ${JSON.stringify(redactCommand(source.command))}`;
  return "no source";
}

function sourceKindOf(source: ConfigSource, envName: string): (typeof KINDS)[number] {
  const given = KINDS.filter((k) => source[k] !== undefined);
  if (given.length === 1) return given[0];
  if (given.length === 0) {
    const hint = source.snapshot ? " (config.snapshot is read by the runner, which did not replace this probe's collection)" : "";
    throw new ProbeError(`environment ${envName}: config needs exactly one of file, url or command, and has none${hint}`);
  }
  throw new ProbeError(`environment ${envName}: config needs exactly one of file, url or command, but has ${given.join(" and ")}`);
}
