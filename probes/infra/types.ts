import type { JsonValue } from "../../src/types.js";

export const PRESETS = ["kubernetes", "terraform", "helm", "compose", "lockfile", "sbom"] as const;
/** Which kind of document an infra probe reads, and so its identity, noise and weights. */
export type PresetName = (typeof PRESETS)[number];

/** One object of a document, as a snapshot keeps it (noise hashed away, secrets as marks). */
export interface InfraObject {
  /** Deployment, aws_instance, service, package …: what the object is, in messages. */
  kind: string;
  /** The object's content to compare. */
  value: JsonValue;
  /** Hash per noise rule of the fields the preset left out (counted in the note, never shown). */
  noise?: Record<string, string>;
  /** Kubernetes: the HPA that sets this workload's replicas (its spec.replicas is then the HPA's). */
  scaledBy?: string;
}

/** What `collect` returns for one environment. */
export interface InfraSnapshot {
  preset: PresetName;
  /** Where the document came from, safe to print. */
  source: string;
  /** By subject: `Deployment/payments/api`, `module.api.aws_instance.web[0]`, `express` … */
  objects: Record<string, InfraObject>;
  /**
   * Which key made the snapshot's secret marks and noise hashes (src/secret-hash.ts); absent in
   * snapshots written before it was recorded. Hashes made under different keys are not compared.
   */
  hashKey?: string;
}

/** The infra probe's options in the map (after zod defaults). */
export interface InfraOptions {
  preset: PresetName;
  ignore: string[];
  keys: Record<string, string | string[]>;
  sequences: string[];
  equivalents: Record<string, Record<string, string>>;
  namespaces: Record<string, Record<string, string>>;
  document: "state" | "plan";
  secrets: string[];
}
