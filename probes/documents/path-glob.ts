/**
 * Globs over document paths such as `spec.template.spec.containers[api].image` or
 * `metadata.annotations.checksum/config`. Hand-written rather than picomatch: our separator is
 * the dot (picomatch's is `/`, which Kubernetes annotation keys contain), and `[…]` is a literal
 * list identity here, not a character class.
 *
 * - `*` matches within one key (it stops at a dot): `metadata.annotations.checksum/*`;
 * - `**` matches any number of keys, none included: `**.resourceVersion` also matches a
 *   top-level `resourceVersion`;
 * - everything else is literal, brackets included: `containers[*].image`.
 */
export type PathMatcher = (path: string) => boolean;

const cache = new Map<string, RegExp>();

export function pathGlob(pattern: string): PathMatcher {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${toRegexSource(pattern)}$`);
    cache.set(pattern, re);
  }
  const compiled = re;
  return (path) => compiled.test(path);
}

function toRegexSource(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*" && pattern[i + 1] === "*") {
      const before = i === 0 || pattern[i - 1] === ".";
      const after = pattern[i + 2] === "." ? 1 : pattern[i + 2] === undefined ? 0 : -1;
      if (before && after === 1) {
        out += "(?:.*\\.)?"; // `**.` : any keys and their dot, or nothing
        i += 2;
      } else if (before && after === 0 && out.endsWith("\\.")) {
        out = `${out.slice(0, -2)}(?:\\..*)?`; // `.**` at the end: this key and anything below
        i += 1;
      } else {
        out += ".*";
        i += 1;
      }
    } else if (c === "*") {
      out += "[^.]*";
    } else {
      out += c.replace(/[.+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return out;
}

/** A list of globs as one test; `matchedBy` says which glob matched, for the ignored-count note. */
export class PathPatterns {
  private readonly matchers: Array<{ pattern: string; test: PathMatcher }>;

  constructor(patterns: readonly string[]) {
    this.matchers = patterns.map((pattern) => ({ pattern, test: pathGlob(pattern) }));
  }

  get empty(): boolean {
    return this.matchers.length === 0;
  }

  matchedBy(path: string): string | undefined {
    for (const m of this.matchers) if (m.test(path)) return m.pattern;
    return undefined;
  }
}

/** `spec.containers` + `env` → `spec.containers.env`; an identity `[api]` is appended without a dot. */
export function joinPath(prefix: string, key: string): string {
  if (!prefix) return key;
  return key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`;
}
