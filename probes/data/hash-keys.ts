import type { Observation } from "../../src/types.js";
import { hashKeyMismatch } from "../../src/secret-hash.js";
import type { ColumnProfile, DataProfile } from "./types.js";

/**
 * Category values are matched across sides by their keyed hash. Two profiles hashed under
 * different keys (a snapshot taken without PARITY_HASH_KEY) cannot be matched that way: shown
 * values are matched by their text instead, masked ones are not compared at all, and one note
 * says which columns and why, rather than a false "production has 30 values staging never shows".
 */
export function alignCategoryHashes(staging: DataProfile, production: DataProfile): { staging: DataProfile; production: DataProfile; note?: Observation } {
  const mismatch = hashKeyMismatch(staging.hashKey, production.hashKey);
  if (!mismatch) return { staging, production };
  const masked = new Set<string>();
  const rekey = (profile: DataProfile, other: DataProfile): DataProfile => ({
    ...profile,
    tables: profile.tables.map((t) => ({
      ...t,
      columns: t.columns.map((c): ColumnProfile => {
        if (!c.categories) return c;
        const twin = other.tables.find((o) => o.name === t.name)?.columns.find((o) => o.name === c.name);
        if (c.categories.masked || twin?.categories?.masked) {
          if (twin?.categories) masked.add(`${t.name}.${c.name}`);
          const { categories: _dropped, ...rest } = c;
          return rest;
        }
        return { ...c, categories: { ...c.categories, top: c.categories.top.map((v) => ({ ...v, hash: `value:${v.value ?? ""}` })) } };
      }),
    })),
  });
  const out = { staging: rekey(staging, production), production: rekey(production, staging) };
  if (!masked.size) return out;
  const columns = [...masked].sort();
  return {
    ...out,
    note: {
      subject: columns.length === 1 ? columns[0]! : "masked categories",
      aspect: "hash-key",
      severity: "low",
      kind: "inconclusive",
      message: `the masked values of ${columns.join(", ")} were not compared: ${mismatch}`,
      staging: staging.hashKey ?? null,
      production: production.hashKey ?? null,
    },
  };
}
