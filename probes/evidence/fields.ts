import { DATE_FORMAT_HINT, parseDate } from "./dates.js";
import { fileError } from "./files.js";
import type { SourceRecord } from "./records.js";

/** Typed access to one record's fields; every problem names the file, the line and the field. */
export class RecordReader {
  constructor(
    readonly file: string,
    readonly record: SourceRecord,
  ) {}

  get line(): number {
    return this.record.line;
  }

  optionalText(name: string): string | undefined {
    const value = this.record.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "object") throw this.error(`${name} must be text, got ${Array.isArray(value) ? "a list" : "a mapping"}`);
    const text = String(value).trim();
    return text === "" ? undefined : text;
  }

  text(name: string): string {
    const value = this.optionalText(name);
    if (value === undefined) throw this.error(`${name} is empty or missing`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.text(name);
    const normalised = value.toLowerCase().replace(/[\s-]+/g, "_");
    const hit = allowed.find((a) => a === normalised);
    if (!hit) throw this.error(`${name} "${value}" is not one of ${allowed.join(", ")}`);
    return hit;
  }

  /** A date or timestamp, returned as an ISO 8601 instant. */
  date(name: string): string {
    const value = this.text(name);
    const date = parseDate(value);
    if (!date) throw this.error(`${name} "${value}" is not a date (${DATE_FORMAT_HINT})`);
    return date.toISOString();
  }

  /** A list given either as an array or as text separated by ";" (CSV cells cannot hold arrays). */
  list(name: string): string[] {
    const value = this.record.fields[name];
    if (value === undefined || value === null) return [];
    const items = Array.isArray(value) ? value.map((v) => String(v)) : String(value).split(";");
    return items.map((s) => s.trim()).filter(Boolean);
  }

  error(problem: string): Error {
    return fileError(this.file, this.line, problem);
  }
}

/** CSV headers are checked once, up front, so a missing column is one clear error rather than one per row. */
export function requireColumns(file: string, records: readonly SourceRecord[], required: readonly string[]): void {
  const first = records[0];
  if (!first) return;
  const present = Object.keys(first.fields);
  const missing = required.filter((c) => !present.includes(c));
  if (missing.length > 0) {
    throw fileError(file, 1, `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} (found: ${present.join(", ") || "none"})`);
  }
}
