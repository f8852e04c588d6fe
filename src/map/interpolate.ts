import { isPair, isScalar, isSeq, visit, type Document } from "yaml";
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

// ${VAR} and ${VAR:-default}; `$${` escapes a literal "${".
const PATTERN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Expands one string; unset variables without a default are reported, not guessed. */
export function expand(text: string, env: NodeJS.ProcessEnv, onUnset: (name: string) => void): string {
  return text.replace(PATTERN, (whole, name: string | undefined, fallback: string | undefined) => {
    if (whole === "$${") return "${";
    const value = env[name!];
    if (value !== undefined && value !== "") return value;
    if (fallback !== undefined) return fallback;
    onUnset(name!);
    return "";
  });
}

/**
 * Expands `${VAR}` in every string scalar of the document in place, keeping positions, and
 * returns the variables that are unset (with where they are used). Keys are not expanded.
 */
export function interpolateDocument(doc: Document, env: NodeJS.ProcessEnv): UnsetVariable[] {
  const unset: UnsetVariable[] = [];
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (key === "key" || typeof node.value !== "string" || !node.value.includes("${")) return;
      const path: Array<string | number> = [];
      // Rebuild the key path from the ancestors: map pairs give names, sequences give indexes.
      let child: unknown = node;
      for (let i = ancestors.length - 1; i >= 0; i--) {
        const parent = ancestors[i];
        if (isPair(parent) && parent.value === child) {
          path.unshift(isScalar(parent.key) ? String(parent.key.value) : String(parent.key));
        } else if (isSeq(parent)) {
          const index = parent.items.indexOf(child);
          if (index >= 0) path.unshift(index);
        }
        child = parent;
      }
      // A `${` that starts no reference would otherwise stay in the value literally and fail
      // far from the typo (a URL "${DB_URL", a header "Bearer ${TOKEN").
      const leftover = node.value.replace(PATTERN, "").indexOf("${");
      if (leftover >= 0) {
        const rest = node.value.replace(PATTERN, "").slice(leftover);
        unset.push({ name: rest.slice(0, Math.max(rest.indexOf("}") + 1, 0) || 24), path, malformed: true });
      }
      const expanded = expand(node.value, env, (name) => unset.push({ name, path }));
      // An unquoted `samples: ${SAMPLES}` means a number once expanded, as if written in place.
      node.value = node.type === "PLAIN" ? plainScalar(expanded) : expanded;
    },
  });
  return unset;
}
