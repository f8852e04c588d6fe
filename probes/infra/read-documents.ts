import { extname } from "node:path";
import { ProbeError } from "../../src/errors.js";
import { parseDocument, parseYamlDocuments } from "../config/parse.js";
import type { SourceText } from "../config/source.js";
import { isRecord } from "../documents/lists.js";

/** A parsed document with how messages name where it came from. */
export interface ReadDocument {
  value: unknown;
  what: string;
}

/**
 * Parses each text as JSON or YAML: by extension for files, else JSON when it starts like JSON.
 * A YAML stream of several documents gives one document each.
 */
export function readDocuments(texts: SourceText[]): ReadDocument[] {
  const out: ReadDocument[] = [];
  for (const { text, name, what } of texts) {
    if (text.trim() === "") throw new ProbeError(`${what} ${what.startsWith("config command") ? "printed nothing on stdout" : "is empty"}`);
    const ext = extname(name).toLowerCase();
    const json = ext === ".json" || (ext !== ".yaml" && ext !== ".yml" && /^\s*[[{]/.test(text));
    if (json) {
      out.push({ value: parseDocument(text, "json", what), what });
      continue;
    }
    const docs = parseYamlDocuments(text, what);
    // Empty documents between `---` separators are not documents.
    for (const value of docs) if (value !== null && value !== undefined) out.push({ value, what });
  }
  return out;
}

/** What a document is, for "expected …, found …" messages; never quotes a value. */
export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return "an empty document";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (isRecord(value)) {
    if (typeof value.kind === "string") {
      const name = isRecord(value.metadata) && typeof value.metadata.name === "string" ? ` named ${value.metadata.name}` : "";
      return `${/^[AEIOU]/.test(value.kind) ? "an" : "a"} ${value.kind}${name}`;
    }
    const keys = Object.keys(value);
    if (keys.length === 0) return "an empty object";
    return `an object with keys ${keys.slice(0, 6).join(", ")}${keys.length > 6 ? ", …" : ""}`;
  }
  return `a single ${typeof value}`;
}
