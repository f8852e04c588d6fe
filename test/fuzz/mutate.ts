/**
 * Seeded mutations of real maps, shared by the fuzz test in `npm test` and bench/fuzz-map.mjs.
 * Each mutant is what a slip of the keyboard, a bad merge or a hostile reviewer could leave in
 * a map: YAML punctuation in the wrong place, aliases, tags, tabs, deep nesting, odd values.
 */

/** mulberry32: small, fast and the same on every machine, so a failing seed can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  "*a", "&a ", "*nope", "&a [*a]", "&b { x: *b }", "[", "]", "{", "}", ":", ": ", "- ", "\t", "\"", "'", "#", "${", "${X}", "${X:-}", "$${",
  "!!binary ", "!!int ", "!!map ", "!tag ", "? ", "|", ">", "---\n", "...\n", "\uFEFF", "<<: *a", "\n", "  ", "%YAML 1.2\n", ",", "null", "~",
  "1e999", "0x1F", ".inf", "-.nan", "99999999999999999999999", "\u0000", "\u2028", "é", "😀", "\r\n", "\\", "@", "`", "%", "&", "*", "!",
];
const VALUES = [
  "*nope", "[]", "{}", "null", "~", "-1", "0", "1e309", "\"\"", "''", "[1, 2]", "{ a: 1 }", "DELETE", "POST", "true", "2027-02-30",
  "\"${UNSET}\"", "${X", "&x 1", "!!str 5", "[[[[[[[[[[]]]]]]]]]]", "\"\\u0000\"", "'a''b'", "|\n  block", ">-\n  folded",
];

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

export function mutate(text: string, rng: () => number): string {
  const lines = text.split("\n");
  const at = (n: number) => Math.floor(rng() * n);
  switch (at(10)) {
    case 0: {
      const start = at(text.length);
      return text.slice(0, start) + text.slice(start + 1 + at(20));
    }
    case 1:
    case 2: {
      const pos = at(text.length + 1);
      return text.slice(0, pos) + pick(rng, TOKENS) + text.slice(pos);
    }
    case 3: {
      const i = at(lines.length);
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    }
    case 4: {
      const i = at(lines.length);
      const j = at(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    case 5: {
      const i = at(lines.length);
      lines[i] = rng() < 0.5 ? `  ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, "");
      return lines.join("\n");
    }
    case 6: {
      const i = at(lines.length);
      lines[i] = lines[i]!.replace(/:\s+\S.*$/, `: ${pick(rng, VALUES)}`);
      return lines.join("\n");
    }
    case 7: {
      const i = at(lines.length);
      const depth = 10 + at(300);
      lines[i] = lines[i]!.replace(/:\s+(\S.*)$/, (_m, v: string) => `: ${"[".repeat(depth)}${v}${"]".repeat(depth)}`);
      return lines.join("\n");
    }
    case 8: {
      const i = at(lines.length);
      lines[i] = lines[i]!.replace(/^(\s*)([\w$-]+):/, (_m, indent: string, key: string) => `${indent}${key}${pick(rng, ["x", "", "_", "-"])}${pick(rng, [":", ": &a", ": *a", ":"])}`);
      return lines.join("\n");
    }
    default: {
      const anchor = at(lines.length);
      lines[anchor] = lines[anchor]!.replace(/:\s+(\S.*)$/, ": &a $1");
      const use = at(lines.length);
      lines[use] = lines[use]!.replace(/:\s+(\S.*)$/, ": *a");
      return lines.join("\n");
    }
  }
}

/** One mutant: one to three mutations of one of the seeds. */
export function mutant(seeds: readonly string[], rng: () => number): string {
  let text = pick(rng, seeds);
  const n = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < n; i++) text = mutate(text, rng);
  return text;
}
