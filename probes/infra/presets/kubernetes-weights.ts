import type { Weight } from "./preset.js";

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]);

/**
 * Severity rule for Kubernetes (also in the README):
 * - HIGH: the image a container runs (staging tested another artifact), security settings
 *   (securityContext, privileged, hostNetwork/PID, service account, capabilities);
 * - MEDIUM: env values and references, resources requests/limits, probes, replicas and HPA
 *   bounds/metrics, quotas and limit ranges, ConfigMap data, Service ports, volumes;
 * - LOW: a Secret's values (compared by hash: they are meant to differ), labels, annotations
 *   and everything else.
 */
export function weighKubernetes(kind: string, path: string): Weight {
  if (/(^|\.)(initContainers|containers|ephemeralContainers)\[[^\]]*\]\.image$/.test(path) || /\.image$/.test(path)) return { severity: "high", dimension: "test-reliability" };
  if (/(securityContext|privileged|hostNetwork|hostPID|hostIPC|serviceAccountName|automountServiceAccountToken|capabilities)/.test(path)) return { severity: "high", dimension: "security" };
  if (kind === "Secret") return { severity: "low", dimension: "security" };
  if (/\.env\[|\.envFrom/.test(path)) return { severity: "medium", dimension: "test-reliability" };
  if (/\.(readinessProbe|livenessProbe|startupProbe)/.test(path)) return { severity: "medium", dimension: "test-reliability" };
  if (/\.resources(\.|$)/.test(path)) return { severity: "medium", dimension: "deployment-friction" };
  if (path === "spec.replicas" || (kind === "HorizontalPodAutoscaler" && path.startsWith("spec."))) return { severity: "medium", dimension: "deployment-friction" };
  if (kind === "ResourceQuota" || kind === "LimitRange" || kind === "PodDisruptionBudget") return { severity: "medium", dimension: "deployment-friction" };
  if (kind === "ConfigMap" && path.startsWith("data")) return { severity: "medium", dimension: "test-reliability" };
  if (path.startsWith("spec.")) return { severity: "medium" };
  return { severity: "low" };
}

/** A workload production runs and staging lacks was never tested there; the reverse matters less. */
export function weighKubernetesMissing(kind: string, side: "staging" | "production"): Weight {
  if (side === "staging") return { severity: WORKLOADS.has(kind) ? "high" : "medium", dimension: "test-reliability" };
  return { severity: WORKLOADS.has(kind) ? "medium" : "low" };
}
