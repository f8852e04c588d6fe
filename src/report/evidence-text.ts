import type { JsonValue } from "../types.js";
import { formatLatencyStats, isLatencyStats } from "./latency-stats.js";
import { grouped } from "../grouped.js";

/** Shown where one side has no value at all (a key missing on that side). */
export const ABSENT = "—";

type JsonObject = { [key: string]: JsonValue };

const isObject = (v: JsonValue): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ITEMS_SHOWN = 4;

/** "lagDays" → "lag days", "p95Ms" → "p95 ms": keys read as words. */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

function number(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 1000 ? grouped(n) : String(n);
}

function scalar(value: string | number | boolean): string {
  if (typeof value === "number") return number(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === "") return '""';
  // Timestamps read like the report's own dates.
  if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return value;
}

/** Status-code counts ({"200": 3, "503": 1}) read as "200 ×3, 503 ×1". */
function isCounts(value: JsonObject): boolean {
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => /^(\d{3}|timeout|error)$/.test(k) && typeof v === "number");
}

function more(total: number, shown: number): string {
  return total > shown ? `, … ${total - shown} more` : "";
}

function inWords(value: JsonValue, depth: number): string {
  if (value === null) return ABSENT;
  if (typeof value !== "object") return scalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "none";
    const shown = value.slice(0, ITEMS_SHOWN).map((v) => inWords(v, depth + 1));
    return `${shown.join(isObject(value[0]!) ? "; " : ", ")}${more(value.length, shown.length)}`;
  }
  if (isLatencyStats(value)) return formatLatencyStats(value);
  if (isCounts(value)) return Object.entries(value).map(([k, v]) => `${k} ×${v}`).join(", ");
  const entries = Object.entries(value);
  if (entries.length === 0) return "none";
  // A list item: its identifying value first ("INC-1042 (2026-11-10, …)"), then the rest.
  const label = entries.find(([k, v]) => ["id", "value", "name"].includes(k) && typeof v !== "object");
  const absent = entries.filter(([, v]) => v === null).map(([k]) => k);
  const present = entries.filter(([k, v]) => v !== null && k !== label?.[0]);
  const parts = present.slice(0, ITEMS_SHOWN * 2).map(([k, v]) => `${words(k)}${typeof v === "object" ? `: ${inWords(v, depth + 1)}` : ` ${scalar(v)}`}`);
  // Keys missing on this side (a body shape without $.reasons) are named once, not as a column of dashes.
  if (absent.length) parts.push(`no ${absent.slice(0, ITEMS_SHOWN).join(", ")}${more(absent.length, Math.min(absent.length, ITEMS_SHOWN))}`);
  const body = `${parts.join(", ")}${more(present.length, Math.min(present.length, ITEMS_SHOWN * 2))}`;
  return label ? `${scalar(label[1] as string)}${body ? ` (${body})` : ""}` : body;
}

/**
 * One side's evidence in words, never as raw JSON: a data profile reads "rows 1,000, missing 1",
 * status codes "200 ×3", a body shape "$.reasons array, $.reasons[] object", an incident
 * "INC-1042 (date 2026-11-10, summary …)". `max` caps the length; the full value stays in the JSON report.
 */
export function evidenceText(value: JsonValue | undefined, max = 60): string {
  const text = inWords(value ?? null, 0).replace(/\s*\n\s*/g, " ");
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
