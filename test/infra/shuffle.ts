/**
 * Deterministically reverses and rotates every list in a document (and reorders every object's
 * keys), except the lists whose order is meaningful (`keep`): the reordering test's input.
 */
export function shuffleLists(node: unknown, keep: (key: string) => boolean = () => false, key = ""): unknown {
  if (Array.isArray(node)) {
    const items = node.map((item) => shuffleLists(item, keep, key));
    if (keep(key) || items.length < 2) return items;
    const reversed = items.reverse();
    return [...reversed.slice(1), reversed[0]];
  }
  if (node && typeof node === "object") {
    const entries = Object.entries(node as Record<string, unknown>).reverse();
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleLists(v, keep, k)]));
  }
  return node;
}
