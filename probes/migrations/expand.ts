import { VERSION_ORDER } from "./versions.js";
import type { AppliedMigration, FolderMigration, MigrationsSnapshot } from "./types.js";

/**
 * The migrations a side has run. Most tools record each one; golang-migrate records only its
 * current version and Alembic its heads, and with the repository's folder those imply every
 * earlier migration (golang-migrate: each file up to the version; Alembic: the heads' ancestors).
 */
export function appliedOf(snapshot: MigrationsSnapshot, folder: FolderMigration[] | undefined): AppliedMigration[] {
  if (!snapshot.cumulative || !folder) return snapshot.migrations;
  if (snapshot.tool === "golang-migrate") {
    const head = snapshot.migrations[0];
    if (!head) return [];
    const order = VERSION_ORDER["golang-migrate"]!;
    const earlier = folder.filter((f) => (order(f.key, head.key) ?? 1) < 0).map((f) => ({ key: f.key, state: "applied" as const }));
    return [...earlier, head];
  }
  const parents = new Map(folder.map((f) => [f.key, f.parents ?? []]));
  const seen = new Map<string, AppliedMigration>();
  const walk = [...snapshot.migrations.map((m) => m.key)];
  while (walk.length > 0) {
    const key = walk.pop()!;
    if (seen.has(key)) continue;
    seen.set(key, snapshot.migrations.find((m) => m.key === key) ?? { key, state: "applied" });
    walk.push(...(parents.get(key) ?? []));
  }
  return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Keys a side applied after a migration that comes later in version order, with that later one. */
export function outOfOrder(snapshot: MigrationsSnapshot, applied: AppliedMigration[]): Map<string, string> {
  const order = VERSION_ORDER[snapshot.tool];
  const out = new Map<string, string>();
  if (!order || snapshot.cumulative) return out;
  // Django orders within an app only: the latest so far is kept per app, every other tool has one sequence.
  const group = (key: string) => (snapshot.tool === "django" ? key.slice(0, key.indexOf(".")) : "");
  const latest = new Map<string, string>();
  const ranked = applied.filter((m) => m.rank !== undefined && !m.repeatable).sort((a, b) => a.rank! - b.rank!);
  for (const m of ranked) {
    const before = latest.get(group(m.key));
    if (before !== undefined && (order(before, m.key) ?? 0) > 0) out.set(m.key, before);
    else latest.set(group(m.key), m.key);
  }
  return out;
}
