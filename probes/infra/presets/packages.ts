import type { Observation } from "../../../src/types.js";
import type { InfraObject } from "../types.js";
import { readLockfile, type Packages } from "./lockfiles.js";
import type { Preset } from "./preset.js";
import { readSbom } from "./sbom.js";

/**
 * Dependency versions, from lockfiles or an SBOM: one object per package name holding the
 * versions pinned. The judgement is about artifacts: a version production runs that staging
 * never ran is HIGH (as is a package only production has); a package only staging has is
 * MEDIUM; extra versions staging carries besides production's are LOW.
 */
function packagesPreset(name: "lockfile" | "sbom", read: typeof readLockfile): Preset {
  return {
    name,
    noiseLabel: "package metadata",
    rules: {},
    extract(texts) {
      const packages: Packages = new Map();
      for (const text of texts) read(text, packages);
      const objects: Record<string, InfraObject> = {};
      for (const [pkg, versions] of [...packages].sort((a, b) => (a[0] < b[0] ? -1 : 1))) objects[pkg] = { kind: "package", value: { versions: [...versions].sort() } };
      return objects;
    },
    weigh: () => ({ severity: "medium", dimension: "test-reliability" }),
    weighMissing: (_kind, side) => (side === "staging" ? { severity: "high", dimension: "test-reliability" } : { severity: "medium", dimension: "test-reliability" }),
    compareObject: comparePackage,
  };
}

export const lockfilePreset = packagesPreset("lockfile", readLockfile);
export const sbomPreset = packagesPreset("sbom", readSbom);

function versionsOf(object: InfraObject | undefined): string[] {
  const value = object?.value as { versions?: string[] } | undefined;
  return value?.versions ?? [];
}

function comparePackage(subject: string, s: InfraObject | undefined, p: InfraObject | undefined): Observation[] {
  const sv = versionsOf(s);
  const pv = versionsOf(p);
  const list = (v: string[]) => v.join(", ");
  const base = { subject, dimension: "test-reliability" as const, staging: s ? list(sv) : null, production: p ? list(pv) : null };
  if (!s) return [{ ...base, aspect: "missing-in-staging", severity: "high", message: `production has ${subject} ${list(pv)}, which staging never ran` }];
  if (!p) return [{ ...base, aspect: "missing-in-production", severity: "medium", message: `staging has ${subject} ${list(sv)}, which production does not` }];
  const newInProduction = pv.filter((v) => !sv.includes(v));
  const extraInStaging = sv.filter((v) => !pv.includes(v));
  if (newInProduction.length) {
    return [{ ...base, aspect: "version", severity: "high", message: `production runs ${subject} ${list(newInProduction)}, a version staging never ran (staging: ${list(sv)})` }];
  }
  if (extraInStaging.length) {
    return [{ ...base, aspect: "version", severity: "low", message: `staging also has ${subject} ${list(extraInStaging)}, which production does not (production: ${list(pv)})` }];
  }
  return [];
}
