import { ProbeError } from "../../../src/errors.js";
import { isRecord } from "../../documents/lists.js";
import { takeNoise, type NoiseRule } from "../../documents/noise.js";
import { markAll, protectSecrets } from "../../documents/secrets.js";
import { describeFound, readDocuments, type ReadDocument } from "../read-documents.js";
import type { InfraObject } from "../types.js";
import { weighKubernetes, weighKubernetesMissing } from "./kubernetes-weights.js";
import type { ExtractContext, Preset } from "./preset.js";

/**
 * What a live API server (and the tools that apply objects to it) fills in on its own: never a
 * difference between two environments' intent. Left out of the comparison, but counted.
 */
export const KUBERNETES_NOISE: readonly NoiseRule[] = [
  ["metadata", "uid"],
  ["metadata", "resourceVersion"],
  ["metadata", "generation"],
  ["metadata", "creationTimestamp"],
  ["metadata", "managedFields"],
  ["metadata", "selfLink"],
  ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"],
  ["metadata", "annotations", "deployment.kubernetes.io/revision"],
  ["metadata", "annotations", "meta.helm.sh/*"],
  ["metadata", "annotations", "argocd.argoproj.io/*"],
  ["metadata", "annotations", "kustomize.toolkit.fluxcd.io/*"],
  ["metadata", "labels", "helm.sh/chart"],
  ["metadata", "labels", "app.kubernetes.io/managed-by"],
  ["metadata", "labels", "argocd.argoproj.io/instance"],
  ["metadata", "labels", "kustomize.toolkit.fluxcd.io/*"],
  ["metadata", "labels", "helm.toolkit.fluxcd.io/*"],
  ["metadata", "labels", "pod-template-hash"],
  ["spec", "template", "metadata", "creationTimestamp"],
  ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"],
  ["spec", "clusterIP"],
  ["spec", "clusterIPs"],
  ["status"],
];

const LIST_EXPECTED = "a Kubernetes List (the output of `kubectl get <kinds> -o json`)";

export const kubernetesPreset: Preset = {
  name: "kubernetes",
  noiseLabel: "server-managed fields",
  rules: {
    // Order matters in a container's command line; everywhere else a list is keyed or a set.
    sequences: ["**.command", "**.args"],
    // Ports and mounts without a name are identified by what they bind.
    defaultKeys: ["name", "containerPort", "port", "mountPath", "devicePath", "ip", "type", "key", "id"],
    keys: { "spec.template.spec.containers.volumeMounts": "mountPath", "spec.template.spec.initContainers.volumeMounts": "mountPath" },
  },
  extract(texts, ctx) {
    const docs = readDocuments(texts);
    const items: Array<{ item: unknown; doc: ReadDocument; index: number }> = [];
    const oneDocument = ctx.sourceKind === "command" || ctx.sourceKind === "url";
    for (const doc of docs) {
      const list = asList(doc.value);
      if (list) list.forEach((item, index) => items.push({ item, doc, index }));
      else if (oneDocument) {
        throw new ProbeError(
          `${doc.what}: expected ${LIST_EXPECTED}, found ${describeFound(doc.value)}` +
            (isRecord(doc.value) && typeof doc.value.kind === "string"
              ? " (`kubectl get` of one named object prints the object itself: ask for kinds, e.g. `kubectl get deploy,svc,cm,hpa -o json`, or read manifests with file: or files:)"
              : ""),
        );
      } else items.push({ item: doc.value, doc, index: -1 });
    }
    const objects: Record<string, InfraObject> = {};
    for (const { item, doc, index } of items) {
      const where = index >= 0 ? `${doc.what}: item ${index}` : doc.what;
      if (!isRecord(item) || typeof item.kind !== "string" || !isRecord(item.metadata) || typeof item.metadata.name !== "string") {
        throw new ProbeError(`${where}: expected a Kubernetes object (apiVersion, kind, metadata.name), found ${describeFound(item)}`);
      }
      const subject = subjectOf(item);
      if (objects[subject]) throw new ProbeError(`${where}: ${subject} appears twice`);
      objects[subject] = toObject(item, ctx);
    }
    markScaledWorkloads(objects);
    return objects;
  },
  weigh: weighKubernetes,
  weighMissing: weighKubernetesMissing,
};

/** A `List` (or `DeploymentList` …) envelope's items. */
function asList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) return value.items;
  return undefined;
}

/** `Deployment/payments/api`; a cluster-scoped object has no namespace part (`ClusterRole/viewer`). */
export function subjectOf(item: Record<string, unknown>): string {
  const meta = item.metadata as Record<string, unknown>;
  const ns = typeof meta.namespace === "string" ? meta.namespace : undefined;
  return ns ? `${item.kind}/${ns}/${meta.name}` : `${item.kind}/${meta.name}`;
}

function toObject(item: Record<string, unknown>, ctx: ExtractContext): InfraObject {
  // Only the objects along the noise paths are new; protectSecrets below changes the rest in
  // place, which is safe: the item was parsed for this collection alone.
  const { value: copy, noise } = takeNoise(item, KUBERNETES_NOISE);
  // A Secret's values are secret whatever their keys are called.
  if (copy.kind === "Secret") {
    if (copy.data !== undefined) copy.data = markAll(copy.data);
    if (copy.stringData !== undefined) copy.stringData = markAll(copy.stringData);
  }
  protectSecrets(copy, ctx.options.secrets);
  const out: InfraObject = { kind: String(copy.kind), value: copy as InfraObject["value"] };
  if (Object.keys(noise).length) out.noise = noise;
  return out;
}

/** An HPA owns its target's replica count: the workload's spec.replicas is then the HPA's doing. */
function markScaledWorkloads(objects: Record<string, InfraObject>): void {
  for (const [subject, object] of Object.entries(objects)) {
    if (object.kind !== "HorizontalPodAutoscaler") continue;
    const value = object.value as Record<string, unknown>;
    const spec = value.spec as Record<string, unknown> | undefined;
    const ref = spec?.scaleTargetRef as Record<string, unknown> | undefined;
    const ns = (value.metadata as Record<string, unknown>).namespace;
    if (!ref || typeof ref.kind !== "string" || typeof ref.name !== "string") continue;
    const target = objects[typeof ns === "string" ? `${ref.kind}/${ns}/${ref.name}` : `${ref.kind}/${ref.name}`];
    if (target) target.scaledBy = subject;
  }
}
