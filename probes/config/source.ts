import { stat } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { glob } from "tinyglobby";
import { ProbeError } from "../../src/errors.js";
import { redactUrl } from "../../src/redact.js";
import type { ListRules } from "../documents/lists.js";
import { redactCommand, runConfigCommand } from "./source-command.js";
import { readConfigFile, readSourceFile } from "./source-file.js";
import { parseConfig, parseJsonOrEnv as parseJsonOrEnvWith } from "./parse.js";
import type { ConfigSource, FlatConfig } from "./types.js";

/** The schema's default, for environments built without it (tests, snapshots of older maps). */
const DEFAULT_SOURCE_TIMEOUT_MS = 10_000;

const KINDS = ["file", "files", "url", "command"] as const;

/** A folder of manifests holds more than this many documents only by mistake (a repository root). */
const MAX_FILES = 5_000;

export interface ReadContext {
  envName: string;
  mapDir: string;
  signal: AbortSignal;
  /** How lists in JSON/YAML compare (keys, sequences); the shared defaults when absent. */
  rules?: ListRules;
}

/** Reads one environment's configuration as flat key → value text. */
export async function readSource(source: ConfigSource | undefined, ctx: ReadContext): Promise<FlatConfig> {
  if (!source) throw new ProbeError(`environment ${ctx.envName} has no config section (add config: { file | url | command })`);
  const kind = sourceKindOf(source, ctx.envName, "file, url or command");
  const timeoutMs = source.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
  switch (kind) {
    case "file":
      return readConfigFile(source.file as string, ctx.mapDir, ctx.signal, ctx.rules);
    case "files":
      throw new ProbeError(`environment ${ctx.envName}: config.files (a folder of manifests) is read by kind: infra; the config probe reads one document (file, url or command)`);
    case "url":
      // undici loads only for a url source: a file or command config reads without an HTTP library.
      return (await import("./source-url.js")).fetchConfigUrl(source.url as string, { headers: source.headers, timeoutMs, signal: ctx.signal }, (text, what) => parseConfig(text, "json", what, ctx.rules));
    case "command":
      return runConfigCommand(source.command as string, { cwd: ctx.mapDir, timeoutMs, signal: ctx.signal }, (text, what) => parseJsonOrEnvWith(text, what, ctx.rules));
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
  const kind = sourceKindOf(source, ctx.envName, "file, url or command");
  const timeoutMs = source.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
  switch (kind) {
    case "file": {
      const { text, what, path } = await readSourceFile(source.file as string, ctx.mapDir, ctx.signal);
      return parse(text, what, path);
    }
    case "files":
      throw new ProbeError(`config files ${String(source.files)}: this probe reads one document; point it at one file with file:`);
    case "url":
      return (await import("./source-url.js")).fetchConfigUrl(source.url as string, { headers: source.headers, timeoutMs, signal: ctx.signal }, parse);
    case "command":
      return runConfigCommand(source.command as string, { cwd: ctx.mapDir, timeoutMs, signal: ctx.signal }, parse);
  }
}

/** One text a source gave: a file's, an endpoint's body or a command's stdout. */
export interface SourceText {
  text: string;
  /** The file's path (for a file or a folder's file), else the URL or command: what a format is guessed from. */
  name: string;
  /** How messages name it: `config file ./k8s/api.yaml`, `config command "kubectl …"`. */
  what: string;
}

/**
 * The raw text(s) of a config source, for probes that parse documents themselves (kind: infra
 * reads Kubernetes manifests, lockfiles, SBOMs). `files` gives every matching file, in path order.
 */
export async function readSourceText(source: ConfigSource | undefined, ctx: ReadContext): Promise<SourceText[]> {
  if (!source) throw new ProbeError(`environment ${ctx.envName} has no config source (add config: { file | files | url | command })`);
  const kind = sourceKindOf(source, ctx.envName, "file, files, url or command");
  const timeoutMs = source.timeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
  switch (kind) {
    case "file": {
      const { text, path, what } = await readSourceFile(source.file as string, ctx.mapDir, ctx.signal);
      return [{ text, name: path, what }];
    }
    case "files":
      return readFiles(source.files as string, ctx);
    case "url":
      return [await (await import("./source-url.js")).fetchConfigUrl(source.url as string, { headers: source.headers, timeoutMs, signal: ctx.signal }, (text, what) => ({ text, name: new URL(source.url as string).pathname, what }))];
    case "command":
      return [await runConfigCommand(source.command as string, { cwd: ctx.mapDir, timeoutMs, signal: ctx.signal }, (text, what) => ({ text, name: "", what }))];
  }
}

async function readFiles(pattern: string, ctx: ReadContext): Promise<SourceText[]> {
  const absolute = isAbsolute(pattern) ? pattern : resolve(ctx.mapDir, pattern);
  const isFolder = await stat(absolute).then((s) => s.isDirectory(), () => false);
  const patterns = isFolder ? ["**/*.{yaml,yml,json}"] : [isAbsolute(pattern) ? relative(ctx.mapDir, pattern) : pattern];
  const cwd = isFolder ? absolute : ctx.mapDir;
  const paths = (await glob(patterns, { cwd, absolute: true, onlyFiles: true })).sort();
  if (paths.length === 0) {
    throw new ProbeError(`config files ${pattern} matched no file${isFolder ? " (the folder holds no .yaml, .yml or .json file)" : ` in ${ctx.mapDir}`}`);
  }
  if (paths.length > MAX_FILES) throw new ProbeError(`config files ${pattern} matched ${paths.length} files, more than ${MAX_FILES}: narrow the glob`);
  return Promise.all(
    paths.map(async (path) => {
      const { text, what } = await readSourceFile(path, ctx.mapDir, ctx.signal);
      return { text, name: path, what };
    }),
  );
}

/** Where the values came from, safe to print: URL passwords and secret arguments hidden, header names only. */
export function describeSource(source: ConfigSource): string {
  if (source.file) return `file ${source.file}`;
  if (source.files) return `files ${source.files}`;
  if (source.url) {
    const names = Object.keys(source.headers ?? {});
    return `url ${redactUrl(source.url)}${names.length ? ` (headers: ${names.join(", ")})` : ""}`;
  }
  if (source.command) return `command ${JSON.stringify(redactCommand(source.command))}`;
  return "no source";
}

function sourceKindOf(source: ConfigSource, envName: string, allowed: string): (typeof KINDS)[number] {
  const given = KINDS.filter((k) => source[k] !== undefined);
  if (given.length === 1) return given[0];
  if (given.length === 0) {
    const hint = source.snapshot ? " (config.snapshot is read by the runner, which did not replace this probe's collection)" : "";
    throw new ProbeError(`environment ${envName}: config needs exactly one of ${allowed}, and has none${hint}`);
  }
  throw new ProbeError(`environment ${envName}: config needs exactly one of ${allowed}, but has ${given.join(" and ")}`);
}
