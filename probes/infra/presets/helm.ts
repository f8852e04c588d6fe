import { ProbeError } from "../../../src/errors.js";
import { contentDigest } from "../../documents/digest.js";
import { isRecord } from "../../documents/lists.js";
import { protectSecrets } from "../../documents/secrets.js";
import { describeFound, readDocuments } from "../read-documents.js";
import type { InfraObject } from "../types.js";
import type { Preset, Weight } from "./preset.js";

const EXPECTED = "`helm get values RELEASE -o json` (an object of values) or `helm list -o json` (a list of releases with name, chart, app_version)";

/**
 * Helm: the user-supplied values of a release (`helm get values -o json`; `null` when none were
 * given) as one object `values`, or the releases of `helm list -o json` as `release/NS/NAME`
 * with their chart (name-version), app version and status; revision and update time are noise.
 */
export const helmPreset: Preset = {
  name: "helm",
  noiseLabel: "release bookkeeping",
  rules: {},
  extract(texts, ctx) {
    const docs = readDocuments(texts);
    const objects: Record<string, InfraObject> = {};
    for (const { value, what } of docs) {
      if (value === null) {
        objects.values = { kind: "values", value: {} };
      } else if (Array.isArray(value)) {
        for (const [i, release] of value.entries()) {
          if (!isRecord(release) || typeof release.name !== "string" || typeof release.chart !== "string") {
            throw new ProbeError(`${what}: expected ${EXPECTED}, found a list whose item ${i} is ${describeFound(release)}`);
          }
          const { revision, updated, ...rest } = release;
          const subject = `release/${typeof release.namespace === "string" ? `${release.namespace}/` : ""}${release.name}`;
          objects[subject] = { kind: "release", value: rest as InfraObject["value"], noise: { "revision, updated": contentDigest(JSON.stringify([revision, updated])) } };
        }
      } else if (isRecord(value)) {
        if (typeof value.kind === "string" && typeof value.apiVersion === "string") throw new ProbeError(`${what}: expected ${EXPECTED}, found ${describeFound(value)} (a Kubernetes object: use preset: kubernetes)`);
        objects.values = { kind: "values", value: protectSecrets(structuredClone(value), ctx.options.secrets) as InfraObject["value"] };
      } else {
        throw new ProbeError(`${what}: expected ${EXPECTED}, found ${describeFound(value)}`);
      }
    }
    return objects;
  },
  weigh(kind, path): Weight {
    const last = path.replace(/\[[^\]]*\]/g, "").split(".").pop() ?? path;
    if (kind === "release") return path === "status" ? { severity: "medium", dimension: "deployment-friction" } : { severity: "high", dimension: "test-reliability" };
    if (/^(image|tag|digest|repository|version)$/i.test(last) || /(^|\.)image(\.|$)/.test(path)) return { severity: "high", dimension: "test-reliability" };
    if (/(replica|resources|autoscaling|limits|requests)/i.test(path)) return { severity: "medium", dimension: "deployment-friction" };
    if (/(securityContext|podSecurity|rbac|serviceAccount|networkPolicy)/i.test(path)) return { severity: "high", dimension: "security" };
    return { severity: "medium" };
  },
  weighMissing(kind, side) {
    return side === "staging" && kind === "release" ? { severity: "high", dimension: "test-reliability" } : { severity: "medium" };
  },
};
