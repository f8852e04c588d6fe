import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { MapError } from "../errors.js";
import { entriesYaml, type SuggestedEntry } from "./suggest.js";

/**
 * Adds entries to the map's `differences` without touching anything else: the yaml Document
 * API finds where the list ends and how it is indented, and the new text is spliced in there.
 * Re-serialising the whole document would reflow hand-written lines and move comments;
 * splicing keeps every other byte exactly as it was.
 */
export function addDifferences(text: string, entries: SuggestedEntry[]): string {
  if (!entries.length) return text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) throw new MapError(`the map has YAML errors; fix them first (parity map validate)`);
  if (!isMap(doc.contents)) throw new MapError("the map is not a YAML mapping");
  const pair = doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === "differences");
  const newline = text.endsWith("\n") || !text ? "" : "\n";

  if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
    if (pair) throw new MapError("`differences:` is present but empty; write `differences: []` or remove the line, then try again");
    return `${text}${newline}differences:\n${entriesYaml(entries, "  ")}\n`;
  }
  const list = pair.value as Node;
  if (!isSeq(list)) throw new MapError("`differences` is not a list");
  if (list.flow) {
    if (list.items.length) throw new MapError("`differences` is written as a flow list `[…]`; write it as a block list to add entries");
    // `differences: []` → a block list in place of the brackets. A comment after the brackets
    // stays on the `differences:` line rather than trailing the last new entry.
    const [start, end] = list.range!;
    const rest = text.slice(end);
    const lineEnd = rest.indexOf("\n");
    const sameLine = lineEnd === -1 ? rest : rest.slice(0, lineEnd);
    const after = lineEnd === -1 ? "\n" : rest.slice(lineEnd);
    return `${text.slice(0, start).replace(/[ \t]+$/, "")}${sameLine}\n${entriesYaml(entries, "  ")}${after}`;
  }
  const first = list.items[0] as Node;
  const itemColumn = lineCounter.linePos(first.range![0]).col; // column of the item's content
  const dashColumn = itemColumn - 2; // "- " precedes it
  const indent = " ".repeat(Math.max(0, dashColumn - 1));
  // Insert after the last item's own text (value end), before any trailing comments or blank lines.
  const last = list.items[list.items.length - 1] as Node;
  const end = last.range![1];
  const lineEnd = text.indexOf("\n", end - 1);
  const insertAt = lineEnd === -1 ? text.length : lineEnd + 1;
  const before = text.slice(0, insertAt);
  return `${before}${before.endsWith("\n") ? "" : "\n"}${entriesYaml(entries, indent)}\n${text.slice(insertAt)}`;
}
