import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, isMap, isSeq, parseDocument } from "yaml";
import type { Node } from "yaml";
import { fileError } from "./files.js";

/** One row of an evidence table, with the line it starts on for error messages. */
export interface SourceRecord {
  line: number;
  fields: Record<string, unknown>;
}

export type TableFormat = "csv" | "ndjson" | "yaml";

/** The format a file's extension names; evidence files are tables in one of three shapes. */
export function tableFormat(file: string, allowed: readonly TableFormat[]): TableFormat {
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() ?? "";
  const format: TableFormat | undefined =
    ext === "csv" ? "csv" : ext === "ndjson" || ext === "jsonl" ? "ndjson" : ext === "yaml" || ext === "yml" ? "yaml" : undefined;
  if (!format || !allowed.includes(format)) {
    const names = allowed.map((f) => (f === "csv" ? ".csv" : f === "ndjson" ? ".ndjson/.jsonl" : ".yaml/.yml")).join(", ");
    throw fileError(file, null, `unsupported file type "${ext ? `.${ext}` : file}"; expected ${names}`);
  }
  return format;
}

/**
 * Reads a CSV, NDJSON or YAML table. Column and key names are normalised (trimmed, lower-case,
 * spaces and dashes as underscores) so "Started At" and "started-at" both mean started_at.
 * `listKey` lets a YAML file wrap its list in a mapping (`incidents: [...]`).
 */
export function readTable(text: string, file: string, format: TableFormat, listKey?: string): SourceRecord[] {
  const records = format === "csv" ? readCsv(text, file) : format === "ndjson" ? readNdjson(text, file) : readYaml(text, file, listKey);
  return records.map((r) => ({ line: r.line, fields: normaliseKeys(r.fields) }));
}

export function normaliseKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

function normaliseKeys(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [normaliseKey(k), v]));
}

function readCsv(text: string, file: string): SourceRecord[] {
  try {
    const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: true, relax_quotes: false }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    // info.lines is the line the record ends on; a record spanning lines is rare in these files.
    return rows.map((row) => ({ line: row.info.lines, fields: row.record }));
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw fileError(file, e.lines ?? null, `not valid CSV: ${e.message.replace(/ on line \d+$/, "")}`);
  }
}

function readNdjson(text: string, file: string): SourceRecord[] {
  const out: SourceRecord[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw fileError(file, index + 1, `not valid JSON: ${(error as Error).message}`);
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) throw fileError(file, index + 1, "expected one JSON object per line");
    out.push({ line: index + 1, fields: value as Record<string, unknown> });
  });
  return out;
}

function readYaml(text: string, file: string, listKey: string | undefined): SourceRecord[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) throw fileError(file, lineCounter.linePos(firstError.pos[0]).line, `not valid YAML: ${firstError.message.split("\n", 1)[0]}`);
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  let list: unknown = doc.contents;
  if (list === null || list === undefined) return [];
  if (isMap(list) && listKey && list.has(listKey)) list = list.get(listKey, true) ?? null;
  if (list === null) return [];
  if (!isSeq(list)) throw fileError(file, lineOf(list as Node), `expected a list${listKey ? ` (or a mapping with an "${listKey}" list)` : ""}`);
  return list.items.map((item) => {
    const node = item as Node;
    if (!isMap(node)) throw fileError(file, lineOf(node), "expected each list item to be a mapping of fields");
    return { line: lineOf(node), fields: node.toJSON() as Record<string, unknown> };
  });
}
