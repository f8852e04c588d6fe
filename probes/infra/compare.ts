import { hashKeyMismatch } from "../../src/secret-hash.js";
import type { Observation, Severity } from "../../src/types.js";
import { diffDocuments, emptyResult, type DiffResult, type DocumentDifference } from "../documents/diff.js";
import { replacementsFor, substitute, replaceIn } from "../documents/equivalents.js";
import { hashKeyNote } from "../documents/hash-key-note.js";
import { ignoredNote } from "../documents/ignored.js";
import { listRulesOf } from "../documents/options.js";
import { PathPatterns } from "../documents/path-glob.js";
import { isSecretMark, withoutMarks } from "../documents/secrets.js";
import { evidence, members, shown } from "./describe.js";
import { imageRunsNowhere } from "./images.js";
import { mapNamespaces } from "./namespaces.js";
import type { Preset } from "./presets/preset.js";
import type { InfraObject, InfraOptions, InfraSnapshot } from "./types.js";

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
const SCALED_REPLICAS = new PathPatterns(["spec.replicas"]);

export interface InfraCompareContext {
  options: InfraOptions;
  stagingName: string;
  productionName: string;
}

/**
 * Compares two snapshots object by object: an object only one side has is one observation; a
 * field that differs is one observation naming the object (subject) and the field (aspect).
 * The most consequential come first (the preset's weights), and everything an ignore rule or the
 * preset's noise left out is counted in one note.
 */
export function compareInfra(staging: InfraSnapshot, production: InfraSnapshot, preset: Preset, ctx: InfraCompareContext): Observation[] {
  const s = prepare(staging.objects, ctx, ctx.stagingName);
  const p = prepare(production.objects, ctx, ctx.productionName);
  const rules = listRulesOf(ctx.options, preset.rules);
  const ignore = new PathPatterns(ctx.options.ignore);
  const observations: Observation[] = [];
  const totals = emptyResult();
  // Secret marks and noise hashes made under different keys (a snapshot taken without
  // PARITY_HASH_KEY) say nothing about equality: those are left out, and one note says why.
  const mismatch = hashKeyMismatch(staging.hashKey, production.hashKey);
  const uncompared: string[] = [];
  // Every image staging runs, gathered only when an image differs (rare, and a full walk).
  let images: Set<string> | undefined;
  const stagingImages = (): Set<string> => (images ??= imagesOf(s));

  for (const subject of [...new Set([...Object.keys(s), ...Object.keys(p)])].sort()) {
    const so = s[subject];
    const po = p[subject];
    if (preset.compareObject) {
      observations.push(...preset.compareObject(subject, so, po));
      continue;
    }
    if (!so || !po) {
      const present = (so ?? po)!;
      const missingIn = so ? "production" : "staging";
      const weight = preset.weighMissing(present.kind, missingIn);
      observations.push({
        subject,
        aspect: `missing-in-${missingIn}`,
        severity: weight.severity,
        ...(weight.dimension ? { dimension: weight.dimension } : {}),
        message: `${subject} exists in ${so ? "staging" : "production"} but not in ${missingIn}`,
        staging: so ? "present" : null,
        production: po ? "present" : null,
      });
      continue;
    }
    countNoise(so, po, totals, mismatch !== null);
    const scaled = so.scaledBy !== undefined || po.scaledBy !== undefined;
    const result = diffDocuments(so.value, po.value, { rules, ignore, noise: scaled ? SCALED_REPLICAS : undefined });
    for (const [k, n] of result.ignored) totals.ignored.set(k, (totals.ignored.get(k) ?? 0) + n);
    for (const [, n] of result.noise) totals.noise.set("spec.replicas (set by an HPA)", (totals.noise.get("spec.replicas (set by an HPA)") ?? 0) + n);
    for (const difference of result.differences) {
      if (mismatch && difference.change === "changed" && (hasMark(difference.staging) || hasMark(difference.production))) uncompared.push(`${subject}: ${difference.path}`);
      else observations.push(observe(subject, po.kind, difference, preset, stagingImages));
    }
  }
  if (mismatch && uncompared.length) {
    const what = (n: number) => `${n} secret value${n === 1 ? " was" : "s were"} not compared`;
    observations.push(hashKeyNote("secret values", what, uncompared, mismatch, { staging: staging.hashKey, production: production.hashKey }, 3));
  }
  observations.sort((a, b) => RANK[a.severity] - RANK[b.severity] || cmp(a.subject, b.subject) || cmp(a.aspect, b.aspect));
  const note = ignoredNote(totals.ignored, totals.noise, preset.noiseLabel);
  if (note) observations.push(note);
  return observations;
}

function prepare(objects: Record<string, InfraObject>, ctx: InfraCompareContext, envName: string): Record<string, InfraObject> {
  const mapped = ctx.options.preset === "kubernetes" ? mapNamespaces(objects, ctx.options.namespaces, envName) : objects;
  const replacements = replacementsFor(ctx.options.equivalents, envName);
  if (replacements.length === 0) return mapped;
  const out: Record<string, InfraObject> = {};
  for (const [subject, object] of Object.entries(mapped)) {
    out[replaceIn(subject, replacements)] = { ...object, value: substitute(object.value, replacements) as InfraObject["value"] };
  }
  return out;
}

function observe(subject: string, kind: string, d: DocumentDifference, preset: Preset, stagingImages: () => Set<string>): Observation {
  const weight = preset.weigh(kind, d.path);
  const base = { subject, aspect: d.path, staging: evidence(d.staging), production: evidence(d.production) };
  const dimension = weight.dimension ? { dimension: weight.dimension } : {};
  if (isSecretMark(d.staging) || isSecretMark(d.production)) {
    return { ...base, severity: "low", dimension: "security", message: `${subject}: ${d.path} differs (secret, compared by hash)` };
  }
  if (d.change === "changed" && withoutMarks(d.staging) === withoutMarks(d.production) && typeof d.staging === "string") {
    // A URL whose password differs: the rest is equal, the secret part was compared by hash.
    return { ...base, staging: withoutMarks(d.staging) as string, production: withoutMarks(d.production) as string, severity: "low", dimension: "security", message: `${subject}: ${d.path} differs only in its secret parts (compared by hash)` };
  }
  switch (d.change) {
    case "only-staging":
    case "only-production": {
      const [has, lacks] = d.change === "only-staging" ? ["staging", "production"] : ["production", "staging"];
      const value = d.change === "only-staging" ? d.staging : d.production;
      return { ...base, severity: weight.severity, ...dimension, message: `${subject}: ${d.path} is set in ${has} (${shown(value)}) but not in ${lacks}` };
    }
    case "members": {
      const parts = [];
      if (Array.isArray(d.staging) && d.staging.length) parts.push(`only staging has ${members(d.staging)}`);
      if (Array.isArray(d.production) && d.production.length) parts.push(`only production has ${members(d.production)}`);
      return { ...base, severity: weight.severity, ...dimension, message: `${subject}: ${d.path} differs: ${parts.join("; ")}` };
    }
    case "changed": {
      const never = preset.name === "kubernetes" && /\.image$/.test(d.path) ? imageRunsNowhere(d.production, stagingImages()) : undefined;
      if (never) return { ...base, severity: "high", dimension: "test-reliability", message: `${subject}: ${d.path} is ${shown(d.staging)} in staging and ${shown(d.production)} in production: production runs ${never} that staging never ran` };
      return { ...base, severity: weight.severity, ...dimension, message: `${subject}: ${d.path} is ${shown(d.staging)} in staging and ${shown(d.production)} in production` };
    }
  }
}

/** A secret mark, or a string holding one (a URL with its password marked). */
const hasMark = (value: unknown): boolean => isSecretMark(value) || (typeof value === "string" && withoutMarks(value) !== value);

/**
 * Noise hashes that differ, counted per rule (an object's uid, its status …). Under two hash
 * keys only the values kept as they are (`=…`) can be compared; hashed ones are not counted.
 */
function countNoise(s: InfraObject, p: InfraObject, totals: DiffResult, keysDiffer: boolean): void {
  const rules = new Set([...Object.keys(s.noise ?? {}), ...Object.keys(p.noise ?? {})]);
  for (const rule of rules) {
    const sv = s.noise?.[rule];
    const pv = p.noise?.[rule];
    if (keysDiffer && sv !== undefined && pv !== undefined && !(sv.startsWith("=") && pv.startsWith("="))) continue;
    if (sv !== pv) totals.noise.set(rule, (totals.noise.get(rule) ?? 0) + 1);
  }
}

function imagesOf(objects: Record<string, InfraObject>): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown, key: string) => {
    if (typeof node === "string") {
      if (key === "image") out.add(node);
    } else if (Array.isArray(node)) node.forEach((item) => walk(item, key));
    else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, k);
  };
  for (const object of Object.values(objects)) walk(object.value, "");
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
