/** Test ids in code-unit order: the order of every snapshot's tests and of the comparison's walk. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
