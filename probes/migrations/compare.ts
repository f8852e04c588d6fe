import type { JsonValue, Observation, Severity } from "../../src/types.js";
import { appliedOf, outOfOrder } from "./expand.js";
import { toolSpec } from "./tools.js";
import { VERSION_ORDER } from "./versions.js";
import type { AppliedMigration, FolderMigration, MigrationsSnapshot } from "./types.js";

type Side = "staging" | "production";

/**
 * Pure: two migration histories (and the repository's folder, when given) → observations keyed
 * by migration. Production ahead of staging is high (staging does not run production's schema);
 * staging ahead is what the release will apply, listed once as a measurement.
 */
export function compareMigrations(staging: MigrationsSnapshot, production: MigrationsSnapshot): Observation[] {
  if (staging.tool !== production.tool) {
    const [a, b] = [toolSpec(staging.tool).title, toolSpec(production.tool).title];
    return [obs("history", "tool", "high", `Staging's migration history is ${a}'s (${staging.table}) and production's is ${b}'s (${production.table}): they cannot be compared`, staging.tool, production.tool)];
  }
  const folder = staging.folder ?? production.folder;
  if (staging.cumulative && !folder) return compareHeads(staging, production);
  const sides = { staging: index(appliedOf(staging, folder?.migrations)), production: index(appliedOf(production, folder?.migrations)) };
  const out: Observation[] = [];
  out.push(...failures(sides));
  out.push(...presence(sides));
  out.push(...checksums(sides));
  out.push(...ordering(staging, production, sides));
  if (folder) out.push(...againstFolder(folder.path, folder.migrations, sides));
  return out;
}

type Indexed = Map<string, AppliedMigration>;

function index(list: AppliedMigration[]): Indexed {
  return new Map(list.map((m) => [m.key, m]));
}

const ok = (m: AppliedMigration | undefined) => m?.state === "applied";
const evidence = (m: AppliedMigration | undefined): JsonValue =>
  m ? { state: m.state, ...(m.description ? { description: m.description } : {}), ...(m.appliedAt ? { appliedAt: m.appliedAt } : {}), ...(m.checksum ? { checksum: m.checksum } : {}) } : null;
const named = (key: string, m: AppliedMigration | undefined) => (m?.description ? `${key} (${m.description})` : key);

function allKeys(sides: Record<Side, Indexed>): string[] {
  return [...new Set([...sides.staging.keys(), ...sides.production.keys()])];
}

function failures(sides: Record<Side, Indexed>): Observation[] {
  const out: Observation[] = [];
  for (const key of allKeys(sides)) {
    const [s, p] = [sides.staging.get(key), sides.production.get(key)];
    const broken = (["staging", "production"] as const).filter((side) => sides[side].get(key) && !ok(sides[side].get(key)));
    if (broken.length === 0) continue;
    const dirty = broken.some((side) => sides[side].get(key)!.state === "dirty");
    const where = broken.join(" and ");
    const what = dirty ? `stopped half-way in ${where} (dirty): the schema there is partly migrated` : `failed in ${where}: the tool recorded a failure, so the schema there is not what the migration makes it`;
    const severity: Severity = broken.includes("production") ? "high" : "medium";
    out.push(obs(key, dirty ? "dirty" : "failed", severity, `Migration ${named(key, s ?? p)} ${what}`, evidence(s), evidence(p)));
  }
  return out;
}

function presence(sides: Record<Side, Indexed>): Observation[] {
  const out: Observation[] = [];
  const pending: string[] = [];
  for (const key of allKeys(sides)) {
    const [s, p] = [sides.staging.get(key), sides.production.get(key)];
    if (ok(p) && !s) {
      out.push(obs(key, "missing-in-staging", "high", `Migration ${named(key, p)} was applied in production but not in staging: staging does not run the schema production has`, null, evidence(p)));
    } else if (ok(s) && !p) {
      pending.push(key);
    }
  }
  if (pending.length > 0) {
    const shown = pending.length > 12 ? `${pending.slice(0, 12).join(", ")} and ${pending.length - 12} more` : pending.join(", ");
    const n = pending.length === 1 ? "1 migration applied in staging is" : `${pending.length} migrations applied in staging are`;
    out.push({ ...obs("pending migrations", "pending", "low", `${n} not in production yet, what this release applies: ${shown}`, pending, []), kind: "measurement" });
  }
  return out;
}

function checksums(sides: Record<Side, Indexed>): Observation[] {
  const out: Observation[] = [];
  for (const key of allKeys(sides)) {
    const [s, p] = [sides.staging.get(key), sides.production.get(key)];
    if (!ok(s) || !ok(p) || !s!.checksum || !p!.checksum || s!.checksum === p!.checksum) continue;
    const message = s!.repeatable
      ? `Repeatable migration ${key.slice(2)} differs (checksum staging ${s!.checksum}, production ${p!.checksum}): the release re-runs it in production`
      : `Migration ${named(key, s)} ran with different contents (checksum staging ${s!.checksum}, production ${p!.checksum}): it was edited after one side applied it`;
    // Objects, not bare checksums: a number means nothing in a sentence, so the narrative names the migration only.
    out.push(obs(key, "checksum", s!.repeatable ? "medium" : "high", message, { checksum: s!.checksum! }, { checksum: p!.checksum! }));
  }
  return out;
}

function ordering(staging: MigrationsSnapshot, production: MigrationsSnapshot, sides: Record<Side, Indexed>): Observation[] {
  const late = { staging: outOfOrder(staging, [...sides.staging.values()]), production: outOfOrder(production, [...sides.production.values()]) };
  const out: Observation[] = [];
  for (const key of [...new Set([...late.staging.keys(), ...late.production.keys()])].sort()) {
    const [s, p] = [late.staging.get(key), late.production.get(key)];
    if (s !== undefined && p !== undefined) continue; // the same history on both sides
    const side: Side = s !== undefined ? "staging" : "production";
    const other: Side = side === "staging" ? "production" : "staging";
    const after = (s ?? p)!;
    const otherSide = sides[other].has(key) ? `${other} applied it in version order` : `${other} has not applied it`;
    out.push(obs(key, "out-of-order", "medium", `Migration ${key} was applied out of order in ${side}, after ${after}; ${otherSide}: the two schemas were built in different orders`, s ? `after ${s}` : "in order", p ? `after ${p}` : "in order"));
  }
  return out;
}

function againstFolder(path: string, files: FolderMigration[], sides: Record<Side, Indexed>): Observation[] {
  const out: Observation[] = [];
  const inFolder = new Map(files.map((f) => [f.key, f]));
  for (const key of allKeys(sides)) {
    if (inFolder.has(key)) continue;
    const [s, p] = [sides.staging.get(key), sides.production.get(key)];
    const where = p && s ? "staging and production" : p ? "production" : "staging";
    const severity: Severity = p ? "high" : "medium";
    out.push(obs(key, "not-in-folder", severity, `Migration ${named(key, p ?? s)} was applied in ${where} but has no file in ${path}: run by hand, renamed, or from another branch`, evidence(s), evidence(p)));
  }
  for (const file of files) {
    const [s, p] = [sides.staging.get(file.key), sides.production.get(file.key)];
    if (!s && !p) {
      out.push(obs(file.key, "not-applied", "high", `Migration ${file.key} (${file.file}) is in ${path} but applied in neither staging nor production: the release would run it in production untested`, null, null));
      continue;
    }
    if (!file.checksums) continue;
    const edited = (["staging", "production"] as const).filter((side) => {
      const m = sides[side].get(file.key);
      return m?.checksum !== undefined && !file.checksums!.includes(m.checksum);
    });
    if (edited.length === 0) continue;
    const severity: Severity = edited.includes("production") ? "high" : "medium";
    out.push(obs(file.key, "edited", severity, `Migration ${file.key}: ${file.file} no longer matches the checksum ${edited.join(" and ")} recorded when applying it (edited afterwards)`, evidence(s), evidence(p)));
  }
  return out;
}

/** golang-migrate's version and Alembic's heads, compared without the folder that would list what lies between. */
function compareHeads(staging: MigrationsSnapshot, production: MigrationsSnapshot): Observation[] {
  const [s, p] = [staging.migrations, production.migrations];
  const out = failures({ staging: index(s), production: index(p) });
  const [sk, pk] = [s.map((m) => m.key).sort(), p.map((m) => m.key).sort()];
  if (sk.join(",") === pk.join(",")) return out;
  const [a, b] = [sk.join(", ") || "none", pk.join(", ") || "none"];
  if (staging.tool === "golang-migrate") {
    const order = VERSION_ORDER["golang-migrate"]!(sk[0] ?? "0", pk[0] ?? "0") ?? 0;
    if (order < 0) out.push(obs(b, "missing-in-staging", "high", `Production is at migration version ${b} and staging at ${a}: production has run migrations staging has not (set folder: to list them)`, a, b));
    else out.push({ ...obs("pending migrations", "pending", "low", `Staging is at migration version ${a} and production at ${b}: this release migrates production past ${b}`, a, b), kind: "measurement" });
    return out;
  }
  out.push(obs("heads", "head", "medium", `Alembic heads differ (staging ${a}, production ${b}); set folder: to tell which revisions each side lacks`, a, b));
  return out;
}

function obs(subject: string, aspect: string, severity: Severity, message: string, staging: JsonValue, production: JsonValue): Observation {
  return { subject, aspect, severity, message, staging, production };
}
