import { ProbeError } from "../../src/errors.js";
import type { SchemaObject, SchemaSnapshot } from "./types.js";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from "./types.js";

/**
 * Snapshots may come from a file someone else wrote: check they are ours, of a version we
 * read, and of the same dialect on both sides (a PostgreSQL schema never matches a MySQL one,
 * and comparing them would only produce noise).
 */
export function checkSnapshots(staging: unknown, production: unknown): [SchemaSnapshot, SchemaSnapshot] {
  const s = checkOne(staging, "staging");
  const p = checkOne(production, "production");
  if (s.dialect !== p.dialect) {
    throw new ProbeError(
      `cannot compare a ${s.dialect} schema (staging) with a ${p.dialect} schema (production): both sides must use the same database engine`,
    );
  }
  return [s, p];
}

function checkOne(value: unknown, side: string): SchemaSnapshot {
  const snap = value as Partial<SchemaSnapshot> | null;
  if (!snap || typeof snap !== "object" || snap.format !== SNAPSHOT_FORMAT) {
    throw new ProbeError(`the ${side} snapshot is not a schema snapshot (expected format "${SNAPSHOT_FORMAT}")`);
  }
  if (snap.version !== SNAPSHOT_VERSION) {
    throw new ProbeError(`the ${side} schema snapshot has version ${String(snap.version)}; this parity reads version ${SNAPSHOT_VERSION}`);
  }
  if (!Array.isArray(snap.objects) || !snap.settings || (snap.dialect !== "postgres" && snap.dialect !== "mysql")) {
    throw new ProbeError(`the ${side} schema snapshot is incomplete (objects, settings or dialect missing)`);
  }
  return snap as SchemaSnapshot;
}

/**
 * MySQL databases are often named per environment (shop_staging, shop). When each side
 * holds exactly one database, production's objects are renamed to staging's database name so
 * that objects still match by identity. Returns the production snapshot to compare.
 */
export function alignDatabases(staging: SchemaSnapshot, production: SchemaSnapshot): SchemaSnapshot {
  if (staging.dialect !== "mysql" || staging.schemas.length !== 1 || production.schemas.length !== 1) return production;
  const from = production.schemas[0]!;
  const to = staging.schemas[0]!;
  if (from === to) return production;
  const rename = (name: string) => (name === from ? to : name.startsWith(`${from}.`) ? `${to}${name.slice(from.length)}` : name);
  const objects: SchemaObject[] = production.objects.map((o) => ({
    ...o,
    name: rename(o.name),
    schema: rename(o.schema),
    ...(o.parent ? { parent: rename(o.parent) } : {}),
  }));
  const limited = Object.fromEntries(Object.entries(production.visibility.limited).map(([k, v]) => [rename(k), v]));
  return { ...production, schemas: [to], objects, visibility: { ...production.visibility, limited } };
}
