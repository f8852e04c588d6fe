import type { JsonValue, Observation } from "../../src/types.js";
import { ProbeError } from "../../src/errors.js";
import type { ObjectKind, SchemaObject, SchemaOptions, SchemaSnapshot } from "./types.js";
import { ATTRIBUTES, KINDS, KIND_SEVERITY } from "./attributes.js";
import { alignDatabases, checkSnapshots } from "./snapshot.js";
import { ignoreFilter } from "./ignore.js";
import { compareServer } from "./compare-settings.js";
import { describe, showPair } from "./describe.js";
import { superuserObservations } from "../database/session-role.js";

type Side = "staging" | "production";
const key = (o: Pick<SchemaObject, "kind" | "name">) => `${o.kind}\u0000${o.name}`;

/** Code-point order: deterministic across machines, and far cheaper than localeCompare on 10⁴ names. */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Pure judgement of two schema snapshots: objects by identity, then settings and server. */
export function compareSchemas(stagingValue: unknown, productionValue: unknown, options: SchemaOptions): Observation[] {
  const [staging, rawProduction] = checkSnapshots(stagingValue, productionValue);
  // A schema the map names that neither database has is a typo: comparing nothing would pass green.
  const nowhere = (staging.absentSchemas ?? []).filter((s) => (rawProduction.absentSchemas ?? []).includes(s));
  if (nowhere.length) throw new ProbeError(`schemas: ${nowhere.join(", ")} ${nowhere.length > 1 ? "exist" : "exists"} in neither staging nor production, or the audit user cannot see it (check the probe's schemas option)`);
  const production = alignDatabases(staging, rawProduction);
  const out: Observation[] = [];
  if (production !== rawProduction) {
    out.push({
      subject: `database:${staging.schemas[0]}`, aspect: "name", severity: "low", kind: "measurement",
      message: `Databases are named differently (staging ${staging.schemas[0]}, production ${rawProduction.schemas[0]}); objects were matched by their names within them`,
      staging: staging.schemas[0]!, production: rawProduction.schemas[0]!,
    });
  }
  const ignored = ignoreFilter(options.ignore);
  const s = new Map(staging.objects.filter((o) => !ignored(o)).map((o) => [key(o), o]));
  const p = new Map(production.objects.filter((o) => !ignored(o)).map((o) => [key(o), o]));
  out.push(...pairRenamed(s, p));

  const tablesMissing: Record<Side, Set<string>> = { staging: new Set(), production: new Set() };
  const missing: Array<[SchemaObject, Side]> = [];
  for (const [k, o] of p) if (!s.has(k)) missing.push([o, "staging"]);
  for (const [k, o] of s) if (!p.has(k)) missing.push([o, "production"]);
  for (const [o, side] of missing) if (o.kind === "table") tablesMissing[side].add(o.name);
  // Counted once: a whole missing schema can mean 10⁴ missing children.
  const childCount = new Map<string, number>();
  for (const [o, side] of missing) if (o.parent) childCount.set(`${side}\u0000${o.parent}`, (childCount.get(`${side}\u0000${o.parent}`) ?? 0) + 1);

  for (const [o, side] of missing) {
    if (o.parent && tablesMissing[side].has(o.parent)) continue; // reported once, with its table
    const snap = side === "staging" ? staging : production;
    out.push(missingObservation(o, side, snap, childCount.get(`${side}\u0000${o.name}`) ?? 0));
  }
  for (const [k, so] of s) {
    const po = p.get(k);
    if (po) out.push(...compareAttributes(so, po, options));
  }
  out.push(...compareServer(staging, rawProduction, options));
  out.push(...superuserObservations(staging.session, rawProduction.session));
  return out.sort((a, b) => byText(a.subject, b.subject) || byText(a.aspect, b.aspect));
}

function missingObservation(o: SchemaObject, side: Side, snap: SchemaSnapshot, children: number): Observation {
  const spec = KINDS[o.kind];
  const other: Side = side === "staging" ? "production" : "staging";
  const evidence = describe(o);
  const hiddenKinds = snap.visibility.limited[o.schema] ?? [];
  if (hiddenKinds.includes(o.kind)) {
    return {
      subject: o.name, aspect: "not-visible", severity: "low", kind: "measurement", dimension: spec.dimension,
      message: `${spec.label} ${o.name} exists in ${other}, but the audit user cannot see whether it exists in ${side} (${snap.visibility.reason ?? "insufficient privileges"})`,
      staging: side === "staging" ? "not visible" : evidence, production: side === "production" ? "not visible" : evidence,
    };
  }
  // A unique index is a constraint in all but name: it decides which rows are accepted.
  const unique = o.kind === "index" && typeof o.attrs.definition === "string" && o.attrs.definition.includes("UNIQUE");
  const extra = children > 0 ? ` (with the ${children} columns, constraints and other objects that belong to it)` : "";
  return {
    subject: o.name, aspect: `missing-in-${side}`, severity: unique ? "high" : spec.missing, dimension: unique ? undefined : spec.dimension,
    message: `${spec.label} ${o.name} exists in ${other} but not in ${side}${extra}${typeof evidence === "string" && evidence !== o.kind ? `: ${evidence}` : ""}`,
    staging: side === "staging" ? null : evidence, production: side === "production" ? null : evidence,
  };
}

function compareAttributes(s: SchemaObject, p: SchemaObject, options: SchemaOptions): Observation[] {
  const out: Observation[] = [];
  const names = Object.keys(s.attrs);
  for (const attr of Object.keys(p.attrs)) if (!(attr in s.attrs)) names.push(attr);
  for (const attr of names) {
    // Recorded on one side only: the other snapshot was written by an older parity, which did not
    // read it (a trigger's sql_mode, say). Not compared, rather than reported as a difference.
    if (!(attr in s.attrs) || !(attr in p.attrs)) continue;
    const sv = s.attrs[attr] ?? null;
    const pv = p.attrs[attr] ?? null;
    // Thousands of objects, a dozen attributes each: skip the common case before any other work.
    if (sv === pv && !s.hidden && !p.hidden) continue;
    const spec = ATTRIBUTES[attr] ?? { aspect: attr, severity: "medium" as const, label: attr };
    if (spec.toggle && !options[spec.toggle]) continue;
    if (s.hidden?.includes(attr) || p.hidden?.includes(attr)) {
      const side = s.hidden?.includes(attr) ? "staging" : "production";
      out.push({
        subject: s.name, aspect: "not-visible", severity: "low", kind: "measurement", dimension: spec.dimension ?? KINDS[s.kind].dimension,
        message: `The ${spec.label} of ${KINDS[s.kind].label.toLowerCase()} ${s.name} cannot be read by the audit user on ${side}, so it was not compared`,
        staging: s.hidden?.includes(attr) ? "not visible" : sv, production: p.hidden?.includes(attr) ? "not visible" : pv,
      });
      continue;
    }
    if (sv === pv || (typeof sv === "object" && typeof pv === "object" && JSON.stringify(sv) === JSON.stringify(pv))) continue;
    const severity = KIND_SEVERITY[s.kind]?.[attr] ?? spec.severity;
    const base = { subject: s.name, aspect: spec.aspect, dimension: spec.dimension ?? KINDS[s.kind].dimension, staging: sv, production: pv };
    if (attr === "labels") out.push({ ...base, ...labelsDiffer(s.name, sv, pv) });
    else if (attr === "sqlMode") out.push({ ...base, severity, message: sqlModesDiffer(`${KINDS[s.kind].label} ${s.name}`, sv, pv) });
    else {
      const [a, b] = showPair(sv, pv, spec.words, spec.none);
      out.push({ ...base, severity, message: `${KINDS[s.kind].label} ${s.name}: ${spec.label} differs (staging ${a}, production ${b})` });
    }
  }
  return out;
}

/** Enum labels: a label missing on one side rejects values (high); the same labels in another order only sorts differently. */
function labelsDiffer(name: string, sv: JsonValue, pv: JsonValue): Pick<Observation, "severity" | "message"> {
  const sl = (Array.isArray(sv) ? sv : []).map(String);
  const pl = (Array.isArray(pv) ? pv : []).map(String);
  const onlyP = pl.filter((l) => !sl.includes(l));
  const onlyS = sl.filter((l) => !pl.includes(l));
  if (onlyP.length === 0 && onlyS.length === 0) {
    return { severity: "medium", message: `Enum ${name}: the same labels in a different order (ordering and comparisons differ)` };
  }
  const parts = [
    onlyP.length ? `staging lacks ${onlyP.map((l) => `'${l}'`).join(", ")}` : "",
    onlyS.length ? `production lacks ${onlyS.map((l) => `'${l}'`).join(", ")}` : "",
  ].filter(Boolean);
  return { severity: "high", message: `Enum ${name}: labels differ (${parts.join("; ")})` };
}

/**
 * A trigger or routine runs under the sql_mode it was created with, whatever the server's is now:
 * say which modes one side has and the other lacks (STRICT_TRANS_TABLES: an error on one side,
 * silent truncation on the other).
 */
function sqlModesDiffer(what: string, sv: JsonValue, pv: JsonValue): string {
  const modes = (v: JsonValue) => (typeof v === "string" ? v.split(",").map((m) => m.trim()).filter(Boolean) : []);
  const sm = modes(sv);
  const pm = modes(pv);
  const onlyS = sm.filter((m) => !pm.includes(m));
  const onlyP = pm.filter((m) => !sm.includes(m));
  const parts = [onlyS.length ? `only staging's has ${onlyS.join(", ")}` : "", onlyP.length ? `only production's has ${onlyP.join(", ")}` : ""].filter(Boolean);
  return `${what} was created under another sql_mode and runs with it (${parts.join("; ") || "the same modes in another order"})`;
}

/**
 * Auto-generated or hand-picked names for otherwise identical constraints and indexes are
 * cosmetic: pair them up by table and definition and report one low observation instead of
 * a "missing" on each side.
 */
function pairRenamed(s: Map<string, SchemaObject>, p: Map<string, SchemaObject>): Observation[] {
  const out: Observation[] = [];
  const kinds: ObjectKind[] = ["constraint", "index"];
  const signature = (o: SchemaObject) => `${o.kind}\u0000${o.parent ?? ""}\u0000${JSON.stringify(o.attrs.constraintType ?? null)}\u0000${JSON.stringify(o.attrs.definition ?? null)}`;
  const onlyP = new Map<string, string[]>();
  for (const [k, o] of p) {
    if (!kinds.includes(o.kind) || s.has(k)) continue;
    onlyP.set(signature(o), [...(onlyP.get(signature(o)) ?? []), k]);
  }
  for (const [k, o] of [...s]) {
    if (!kinds.includes(o.kind) || p.has(k)) continue;
    const candidates = onlyP.get(signature(o));
    const pk = candidates?.shift();
    if (!pk) continue;
    const po = p.get(pk)!;
    out.push({
      subject: o.name, aspect: "name", severity: "low", dimension: KINDS[o.kind].dimension,
      message: `${KINDS[o.kind].label} ${o.name} is named ${po.name} in production; otherwise identical`,
      staging: o.name, production: po.name,
    });
    s.delete(k);
    p.delete(pk);
  }
  return out;
}
