import { readFile } from "node:fs/promises";
import { basename, extname, isAbsolute, resolve } from "node:path";
import { ProbeError } from "../../src/errors.js";
import { parseConfig, type ConfigFormat } from "./parse.js";
import type { ListRules } from "../documents/lists.js";
import type { FlatConfig } from "./types.js";

/** Reads a .env, .json, .yaml or .yml file; relative paths resolve against the map's folder. */
export async function readConfigFile(file: string, mapDir: string, signal: AbortSignal, rules?: ListRules): Promise<FlatConfig> {
  const { text, path, what } = await readSourceFile(file, mapDir, signal);
  return parseConfig(text, formatOf(path), what, rules);
}

/** A source file's text, with its resolved path and how messages name it. */
export async function readSourceFile(file: string, mapDir: string, signal: AbortSignal): Promise<{ text: string; path: string; what: string }> {
  const path = isAbsolute(file) ? file : resolve(mapDir, file);
  const what = `config file ${file}${path === file ? "" : ` (${path})`}`;
  try {
    return { text: await readFile(path, { encoding: "utf8", signal }), path, what };
  } catch (error) {
    throw new ProbeError(`${what} ${fileProblem(error)}`, { cause: error });
  }
}

/** `.json` and `.yaml`/`.yml` by extension; everything else (`.env`, `.env.staging`, `app.env`) is dotenv. */
export function formatOf(path: string): ConfigFormat {
  const ext = extname(basename(path)).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  return "env";
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "EISDIR":
      return "is a directory, not a file";
    case "ABORT_ERR":
      return "was not read: the probe was cancelled";
    default:
      return `cannot be read (${code ?? (error as Error).name})`;
  }
}
