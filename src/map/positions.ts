import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from "yaml";

export type KeyPath = ReadonlyArray<string | number>;

/** `probes[2].thresholds.p95Ratio` — the form users see in every message. */
export function formatPath(path: KeyPath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || "(top level)";
}

export interface Position {
  line: number;
  column: number;
}

// Each mapping's keys, indexed on first use: a map with 20,000 environments and a problem in
// each would otherwise search 20,000 keys per problem.
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairFor(node: YAMLMap, key: string): Pair | undefined {
  let index = keyIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const p of node.items) {
      // The first of duplicate keys wins, as in a search from the top.
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    }
    keyIndexes.set(node, index);
  }
  return index.get(key);
}

/**
 * Where a key path sits in the document. Walks down as far as the path exists, so a missing
 * key points at the object that should hold it. With `atKey`, points at the key itself rather
 * than its value (unknown keys, duplicate ids). Never below line 1: the problem of an empty
 * document sits at its start.
 */
export function positionOf(doc: Document, lineCounter: LineCounter, path: KeyPath, atKey = false): Position {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = pairFor(node, String(part));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (last && atKey && keyNode.range) {
        offset = keyNode.range[0];
        break;
      }
      node = pair.value;
      const range = (pair.value as Node | null)?.range ?? keyNode.range;
      if (range) offset = range[0];
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part];
      if (!isNode(item)) break;
      node = item;
      if (item.range) offset = item.range[0];
    } else break;
  }
  const pos = lineCounter.linePos(offset);
  return { line: Math.max(1, pos.line), column: Math.max(1, pos.col) };
}
