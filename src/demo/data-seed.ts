/**
 * Demo data for the embedded PostgreSQL pair (owned by the data probe's work). The demo
 * database module calls this after creating the schema on each side.
 */
export async function seedDemoData(_exec: (sql: string) => Promise<unknown>, _side: "staging" | "production"): Promise<void> {
  // Filled in by the data-fidelity probe work (issue 5): staging three months stale and missing a
  // transaction type that production has.
}
