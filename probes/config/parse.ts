import { parse as parseDotenv } from "dotenv";
import { parseAllDocuments, YAMLParseError } from "yaml";
import { ProbeError } from "../../src/errors.js";
import type { ListRules } from "../documents/lists.js";
import { flattenDocument } from "./flatten.js";
import type { FlatConfig } from "./types.js";

export type ConfigFormat = "env" | "json" | "yaml";

/**
 * Parses a configuration document. `what` names the source in error messages ("config file
 * ./staging.json"). Parser messages are never passed through verbatim: both V8's JSON.parse
 * and the yaml package quote the offending text, which may be a secret value.
 */
export function parseConfig(text: string, format: ConfigFormat, what: string, rules?: ListRules): FlatConfig {
  if (format === "env") return parseEnv(text, what);
  const doc = parseDocument(text, format, what);
  // A YAML file holding only comments is an empty configuration, as an empty .env file is.
  if (format === "yaml" && (doc === null || doc === undefined)) return {};
  const flat = flattenDocument(doc, rules);
  if (!flat) throw new ProbeError(`${what} must hold an object of keys and values, or a list, not ${describe(doc)}`);
  return flat;
}

/**
 * A JSON or YAML document, not flattened. A YAML stream of several documents (`---`, as in a
 * file of Kubernetes manifests) is the list of its documents.
 */
export function parseDocument(text: string, format: "json" | "yaml", what: string): unknown {
  return format === "json" ? parseJson(text, what) : parseYamlDoc(text, what);
}

/** Command output: JSON when it parses as JSON, dotenv lines otherwise. */
export function parseJsonOrEnv(text: string, what: string, rules?: ListRules): FlatConfig {
  const trimmed = text.trim();
  if (trimmed === "") throw new ProbeError(`${what} printed nothing on stdout`);
  // Output that starts like JSON but does not parse is broken JSON, not dotenv lines.
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return parseConfig(text, "json", what, rules);
  return parseEnv(text, what);
}

function parseEnv(text: string, what: string): FlatConfig {
  const flat = parseDotenv(text);
  // dotenv skips lines it cannot read; a document with content but not one KEY=value line is
  // not a .env document (an HTML page, a stack trace), and comparing it as empty would report
  // every key of the other side as missing.
  const hasContent = text.split(/\r?\n/).some((line) => line.trim() !== "" && !line.trim().startsWith("#"));
  if (Object.keys(flat).length === 0 && hasContent) {
    throw new ProbeError(`${what} is neither JSON nor KEY=value lines`);
  }
  return { ...flat };
}

function parseJson(text: string, what: string): unknown {
  try {
    // Only strip a BOM when there is one: replace() would copy a 50 MB document to find none.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const position = /at position (\d+)/.exec(String((error as Error).message))?.[1];
    const where = position === undefined ? "" : ` (${lineColumn(text, Number(position))})`;
    throw new ProbeError(`${what} is not valid JSON${where}`);
  }
}

function parseYamlDoc(text: string, what: string): unknown {
  const values = parseYamlDocuments(text, what);
  if (values.length <= 1) return values[0] ?? null;
  // Empty documents between `---` separators are not items.
  return values.filter((v) => v !== null && v !== undefined);
}

/** Every document of a YAML stream (`---` separated), in order. */
export function parseYamlDocuments(text: string, what: string): unknown[] {
  try {
    const parsed = parseAllDocuments(text);
    const docs = Array.isArray(parsed) ? parsed : [];
    for (const doc of docs) if (doc.errors.length) throw doc.errors[0];
    return docs.map((doc) => doc.toJS() as unknown);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      // The text before " at line" is the library's fixed wording; after it comes a quote of the file.
      const reason = error.message.split(" at line ")[0].slice(0, 160);
      const pos = error.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
      throw new ProbeError(`${what} is not valid YAML${where}: ${reason}`);
    }
    throw new ProbeError(`${what} is not valid YAML: ${(error as Error).name}`);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

function describe(doc: unknown): string {
  if (doc === null || doc === undefined) return "an empty document";
  if (Array.isArray(doc)) return "a list";
  return `a single ${typeof doc}`;
}
