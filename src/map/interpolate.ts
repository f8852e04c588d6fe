import { isMap, isPair, isScalar, isSeq, type Document, type Scalar } from "yaml";
import type { KeyPath } from "./positions.js";

function plainScalar(text: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

export interface UnsetVariable {
  name: string;
  path: KeyPath;
  /** Set when `${` starts no valid reference (e.g. `${DB_URL` or `${DB-URL}`): name holds the text. */
  malformed?: true;
}

/** One `${VAR}` that was replaced: which variable, with what, in which value. */
export interface Substitution {
  variable: string;
  value: string;
  path: KeyPath;
  /** The whole value after expansion, so the redactor can tell where in it the substitution sits. */
  expanded: string;
}

export interface Interpolation {
  unset: UnsetVariable[];
  substitutions: Substitution[];
}

// ${VAR} and ${VAR:-default}; `$${` escapes a literal "${".
const PATTERN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Expands one string; unset variables without a default are reported, not guessed. */
export function expand(text: string, env: NodeJS.ProcessEnv, onUnset: (name: string) => void, onValue?: (name: string, value: string) => void): string {
  return text.replace(PATTERN, (whole, name: string | undefined, fallback: string | undefined) => {
    if (whole === "$${") return "${";
    const value = env[name!];
    if (value !== undefined && value !== "") {
      onValue?.(name!, value);
      return value;
    }
    if (fallback !== undefined) return fallback;
    onUnset(name!);
    return "";
  });
}

/**
 * Expands `${VAR}` in every string scalar of the document in place, keeping positions, and
 * returns the variables that are unset (with where they are used) and every value substituted
 * (so the map's redactor knows a token typed into a command through a variable). Keys are not
 * expanded. The document's depth is already bounded (yaml-structure.ts), so recursion is safe.
 */
export function interpolateDocument(doc: Document, env: NodeJS.ProcessEnv): Interpolation {
  const result: Interpolation = { unset: [], substitutions: [] };
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && pair.value) walk(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(isPair(item) ? item.value : item, [...path, i]));
    } else if (isScalar(node)) {
      expandScalar(node, path, env, result);
    }
    // Aliases are skipped: the node they name is expanded where it stands.
  };
  walk(doc.contents, []);
  return result;
}

function expandScalar(node: Scalar, path: KeyPath, env: NodeJS.ProcessEnv, result: Interpolation): void {
  if (typeof node.value !== "string" || !node.value.includes("${")) return;
  // A `${` that starts no reference would otherwise stay in the value literally and fail
  // far from the typo (a URL "${DB_URL", a header "Bearer ${TOKEN").
  const withoutReferences = node.value.replace(PATTERN, "");
  const leftover = withoutReferences.indexOf("${");
  if (leftover >= 0) {
    const rest = withoutReferences.slice(leftover);
    result.unset.push({ name: rest.slice(0, Math.max(rest.indexOf("}") + 1, 0) || 24), path, malformed: true });
  }
  const found: Array<[string, string]> = [];
  const expanded = expand(node.value, env, (name) => result.unset.push({ name, path }), (name, value) => found.push([name, value]));
  for (const [variable, value] of found) result.substitutions.push({ variable, value, path, expanded });
  // An unquoted `samples: ${SAMPLES}` means a number once expanded, as if written in place.
  node.value = node.type === "PLAIN" ? plainScalar(expanded) : expanded;
}
