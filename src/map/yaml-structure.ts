import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import { grouped } from "../grouped.js";

/** How deep a map may nest: a real one needs about a dozen levels (a JSON body a few more). */
export const MAX_DEPTH = 64;
/** How many values a map may hold once every alias is expanded (a 500 KB map holds about 50,000). */
export const MAX_EXPANDED_NODES = 200_000;

export interface StructureProblem {
  /** Offset in the text, for the line and column. */
  offset: number;
  message: string;
}

interface Frame {
  node: unknown;
  depth: number;
  /** Child nodes still to visit, in document order (keys before their values). */
  children: unknown[];
  size: number;
}

/**
 * Checks what the yaml library would otherwise throw on, loop over or expand without bound,
 * before anything converts the document: an alias to no anchor (`*nope`), an alias inside the
 * node it names (a cycle), aliases that multiply into millions of values (an alias bomb),
 * nesting past MAX_DEPTH, and keys that are lists or mappings. One iterative pass in document
 * order, so a 3,000-deep document cannot overflow the stack here.
 */
export function checkStructure(doc: Document, lineCounter: LineCounter): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const root = doc.contents;
  if (!isNode(root)) return problems;
  const anchors = new Map<string, Node>();
  // Expanded size of every finished node: an alias costs what its anchor's node costs.
  const sizes = new Map<unknown, number>();
  const open = new Set<unknown>();
  let total = 0;
  let bombReported = false;
  let depthReported = false;
  const stack: Frame[] = [];
  const offsetOf = (node: unknown): number => (node as Node | null)?.range?.[0] ?? 0;

  const enter = (node: unknown, depth: number): void => {
    if (isNode(node) && node.anchor && !isAlias(node)) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      let size = 1;
      if (!target) problems.push({ offset: offsetOf(node), message: `alias *${node.source} refers to no anchor: define &${node.source} on a value above it, or write the value here` });
      else if (open.has(target)) problems.push({ offset: offsetOf(node), message: `alias *${node.source} is inside the value &${node.source} names, so it would repeat itself forever` });
      else size = sizes.get(target) ?? 1;
      total += size;
      if (total > MAX_EXPANDED_NODES && !bombReported) {
        bombReported = true;
        problems.push({ offset: offsetOf(node), message: `aliases expand the map to more than ${grouped(MAX_EXPANDED_NODES)} values (an alias bomb?); write the values out or use fewer aliases` });
      }
      sizes.set(node, size);
      return;
    }
    if (!isPair(node)) total += 1;
    if ((isMap(node) || isSeq(node)) && depth > MAX_DEPTH) {
      if (!depthReported) {
        depthReported = true;
        problems.push({ offset: offsetOf(node), message: `the map nests more than ${MAX_DEPTH} levels deep here; a parity map needs far fewer` });
      }
      sizes.set(node, 1);
      return; // nothing below this point is read
    }
    const children: unknown[] = [];
    if (isPair(node)) {
      // A pair inside a flow list (`[a: 1]`) as well as every entry of a mapping.
      if (node.key !== null && !isScalar(node.key) && !isAlias(node.key)) {
        problems.push({ offset: offsetOf(node.key), message: "a key must be a name, not a list or mapping" });
      }
      children.push(node.key, node.value);
    } else if (isMap(node)) {
      // Duplicate keys are found here with one Set per mapping: the yaml library's own check
      // (uniqueKeys) compares each key with every earlier one, 7 s for 20,000 keys.
      const seen = new Map<string, number>();
      for (const item of node.items) {
        children.push(item);
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, offsetOf(item.key));
        else problems.push({ offset: offsetOf(item.key), message: `the key ${JSON.stringify(key)} appears twice in this mapping (first on line ${lineCounter.linePos(first).line}); keep one` });
      }
    } else if (isSeq(node)) {
      // Not push(...items): a list of 160,000 items is more arguments than a call may take.
      for (const item of node.items) children.push(item);
    }
    if (!children.length) {
      sizes.set(node, 1);
      return;
    }
    open.add(node);
    stack.push({ node, depth, children: children.reverse(), size: 1 });
  };

  enter(root, 1);
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const child = frame.children.pop();
    if (child === undefined) {
      stack.pop();
      open.delete(frame.node);
      sizes.set(frame.node, frame.size);
      if (stack.length) stack[stack.length - 1]!.size += frame.size;
      continue;
    }
    if (child === null) continue;
    const before = stack.length;
    // A pair is not a level of its own: a mapping's values sit one level below the mapping.
    enter(child, isPair(frame.node) ? frame.depth : frame.depth + 1);
    // A leaf (or alias) finished at once: add its size to the parent now.
    if (stack.length === before) frame.size += sizes.get(child) ?? 1;
    if (bombReported && depthReported) break;
  }
  return problems;
}
