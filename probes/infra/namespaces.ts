import { isRecord } from "../documents/lists.js";
import type { InfraObject } from "./types.js";

/**
 * Kubernetes namespaces that correspond between environments (`payments: { staging:
 * payments-staging }`): each side's objects are renamed to the shared namespace (subject,
 * metadata.namespace, in-cluster DNS names `svc.NS.svc…`), so `Deployment/payments-staging/api`
 * and `Deployment/payments/api` are one object.
 */
export function mapNamespaces(objects: Record<string, InfraObject>, namespaces: Record<string, Record<string, string>>, envName: string): Record<string, InfraObject> {
  const own = new Map<string, string>();
  for (const [shared, perEnv] of Object.entries(namespaces)) {
    const ns = perEnv[envName];
    if (ns !== undefined && ns !== shared) own.set(ns, shared);
  }
  if (own.size === 0) return objects;
  const out: Record<string, InfraObject> = {};
  for (const [subject, object] of Object.entries(objects)) {
    const parts = subject.split("/");
    if (parts.length === 3 && own.has(parts[1]!)) parts[1] = own.get(parts[1]!)!;
    out[parts.join("/")] = { ...object, value: rename(object.value, own) as InfraObject["value"], ...(object.scaledBy ? { scaledBy: renameSubject(object.scaledBy, own) } : {}) };
  }
  return out;
}

function renameSubject(subject: string, own: Map<string, string>): string {
  const parts = subject.split("/");
  if (parts.length === 3 && own.has(parts[1]!)) parts[1] = own.get(parts[1]!)!;
  return parts.join("/");
}

function rename(node: unknown, own: Map<string, string>, key = ""): unknown {
  if (typeof node === "string") {
    if ((key === "namespace" || key.endsWith("-namespace")) && own.has(node)) return own.get(node);
    // In-cluster DNS: rabbitmq.payments-staging.svc(.cluster.local)
    return node.replace(/\.([a-z0-9-]+)\.svc\b/g, (whole, ns: string) => (own.has(ns) ? `.${own.get(ns)}.svc` : whole));
  }
  if (Array.isArray(node)) return node.map((item) => rename(item, own));
  if (isRecord(node)) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rename(v, own, k)]));
  return node;
}
