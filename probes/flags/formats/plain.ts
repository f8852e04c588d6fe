import { ProbeError } from "../../../src/errors.js";
import { canonical } from "../canonical.js";
import type { FlagState } from "../types.js";
import { isObject, type FormatReader } from "./reader.js";

const ON = new Set(["true", "on", "yes", "enabled", "1"]);
const OFF = new Set(["false", "off", "no", "disabled", "0"]);

/** A scalar flag: true/false (or on/off …) is its state, anything else the variant it serves. */
function scalar(value: string | number | boolean | null): FlagState {
  const text = String(value).toLowerCase();
  if (value === null || OFF.has(text)) return { enabled: false, defaultVariant: null, variants: {}, rules: null };
  if (ON.has(text)) return { enabled: true, defaultVariant: null, variants: {}, rules: null };
  return { enabled: true, defaultVariant: canonical(value), variants: {}, rules: null };
}

/** `{ enabled: true, variant: "b" }` (or `on`, `state`, `value`, `defaultVariant`): one flag written as an object. */
function described(node: Record<string, unknown>): FlagState | undefined {
  const state = node.enabled ?? node.on ?? node.state;
  if (state === undefined) return undefined;
  const enabled = typeof state === "boolean" ? state : ON.has(String(state).toLowerCase());
  const variant = node.variant ?? node.defaultVariant ?? node.value;
  return { enabled, defaultVariant: variant === undefined ? null : canonical(variant), variants: {}, rules: null };
}

export const plainReader: FormatReader = {
  format: "plain",
  title: "a plain map of flags",
  looksLike: isObject,
  read(doc, ctx) {
    if (!isObject(doc)) throw new ProbeError(`${ctx.what} is not a plain map of flags: it holds ${Array.isArray(doc) ? "a list" : "a single value"}`);
    const flags: Record<string, FlagState> = {};
    // Nested maps group flags (checkout.newFlow); a map with enabled/on/state is one flag.
    const walk = (node: Record<string, unknown>, prefix: string) => {
      for (const [key, value] of Object.entries(node)) {
        const name = prefix ? `${prefix}.${key}` : key;
        if (Array.isArray(value)) throw new ProbeError(`${ctx.what} is not a plain map of flags: ${name} is a list (each flag maps to true/false or the variant it serves)`);
        if (isObject(value)) {
          const flag = described(value);
          if (flag) flags[name] = flag;
          else walk(value, name);
        } else flags[name] = scalar(value as string | number | boolean | null);
      }
    };
    walk(doc, "");
    return { flags };
  },
};
