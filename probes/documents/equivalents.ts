import { isRecord } from "./lists.js";

/**
 * Values expected to differ between environments, declared once (`equivalents: { "payments.example.com":
 * { staging: "staging.payments.example.com" } }`): in each environment's document its own
 * spelling is replaced by the shared one before comparing, so hosts, account ids or namespaces
 * inside longer strings stop differing while everything around them is still compared.
 */
export type Equivalents = Record<string, Record<string, string>>;

/** The replacements for one environment, longest spelling first (so a longer host wins over a part of it). */
export function replacementsFor(equivalents: Equivalents, envName: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [shared, spellings] of Object.entries(equivalents)) {
    const own = spellings[envName];
    if (own !== undefined && own !== shared && own !== "") out.push([own, shared]);
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

/** A copy of `node` with the replacements applied to every string (keys of objects too). */
export function substitute(node: unknown, replacements: ReadonlyArray<[string, string]>): unknown {
  if (replacements.length === 0) return node;
  if (typeof node === "string") return replaceIn(node, replacements);
  if (Array.isArray(node)) return node.map((item) => substitute(item, replacements));
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[replaceIn(key, replacements)] = substitute(value, replacements);
    return out;
  }
  return node;
}

export function replaceIn(text: string, replacements: ReadonlyArray<[string, string]>): string {
  let out = text;
  for (const [from, to] of replacements) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}
