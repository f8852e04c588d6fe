import type { JsonValue } from "../../src/types.js";
import { REDACTED } from "../../src/redact.js";
import { isSecretMark, withoutMarks } from "../documents/secrets.js";

/** Evidence as the report shows it: secret marks as «redacted», large subtrees summarised. */
export function evidence(value: unknown): JsonValue {
  if (value === undefined) return null;
  if (isSecretMark(value)) return REDACTED;
  if (typeof value === "string") return withoutMarks(value) as string;
  if (typeof value === "object" && value !== null) {
    const text = JSON.stringify(value, (_k, v: unknown) => (isSecretMark(v) ? REDACTED : v));
    if (text.length <= 400) return JSON.parse(text) as JsonValue;
    return `${text.slice(0, 397)}…`;
  }
  return value as JsonValue;
}

/** A value inside a sentence: plain text when short, JSON otherwise, shortened past 80 characters. */
export function shown(value: unknown): string {
  if (isSecretMark(value)) return REDACTED;
  value = withoutMarks(value);
  const text = typeof value === "string" ? (value === "" || value.trim() !== value ? JSON.stringify(value) : value) : JSON.stringify(evidence(value));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The members of a set-like list, for "only staging has …". */
export function members(values: unknown): string {
  const list = Array.isArray(values) ? values : [];
  const shownList = list.slice(0, 4).map(shown);
  return list.length > 4 ? `${shownList.join(", ")} and ${list.length - 4} more` : shownList.join(", ");
}
