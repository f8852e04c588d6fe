import { ProbeError } from "../../../src/errors.js";
import { noiseHash } from "../../documents/noise.js";
import { isRecord } from "../../documents/lists.js";
import { protectSecrets } from "../../documents/secrets.js";
import { describeFound, readDocuments } from "../read-documents.js";
import type { InfraObject } from "../types.js";
import type { Preset, Weight } from "./preset.js";

/**
 * Attributes that differ between any two workspaces without meaning anything: provider-assigned
 * ids, ARNs (they embed the account), timestamps, the provider-merged `tags_all`, etags, and
 * terraform_data's `output` (an echo of its input). Matched by key name at any depth.
 */
const NOISE_KEYS: Array<[label: string, test: RegExp]> = [
  ["id", /^(id|unique_id)$/],
  ["arn", /^(arn|.+_arns?)$/],
  ["timestamps", /^(created_?(at|date|time)|creation_(date|time)|create_(date|time)|last_modified(_date|_time)?|updated_?(at|date|time)|timestamp)$/],
  ["tags_all", /^tags_all$/],
  ["etag", /^etag$/],
];

const SIZE = /^(instance_type|instance_class|node_type|machine_type|vm_size|sku|sku_name|size|tier|count|instance_count|node_count|shard_count|desired_capacity|desired_size|min_size|max_size|min_capacity|max_capacity|capacity|allocated_storage|max_allocated_storage|memory|memory_size|cpu|vcpus?|replicas)$|_(size|count|capacity|type|class)$/;
const VERSION = /(^|_)(version|image_id|ami)$/;
const SECURITY = /(security_group|cidr|ingress|egress|policy|iam|public|encrypt|kms)/;

export const terraformPreset: Preset = {
  name: "terraform",
  noiseLabel: "provider-assigned attributes",
  rules: { defaultKeys: ["address", "name", "id", "key"] },
  extract(texts, ctx) {
    const docs = readDocuments(texts);
    if (docs.length !== 1) throw new ProbeError(`${docs[0]?.what ?? "the source"}: expected one \`terraform show -json\` document, found ${docs.length}`);
    const { value, what } = docs[0]!;
    const want = ctx.options.document;
    const expected = want === "state" ? "`terraform show -json` of a state (format_version, values.root_module)" : "`terraform show -json PLANFILE` of a saved plan (planned_values.root_module)";
    if (!isRecord(value) || typeof value.format_version !== "string") throw new ProbeError(`${what}: expected ${expected}, found ${describeFound(value)}`);
    const isPlan = "planned_values" in value || "resource_changes" in value;
    if (want === "state" && isPlan) {
      throw new ProbeError(`${what}: expected ${expected}, found a plan (planned_values, resource_changes): run \`terraform show -json\` without a plan file, or set document: plan`);
    }
    if (want === "plan" && !isPlan) throw new ProbeError(`${what}: expected ${expected}, found a state (values): set document: state, or show a plan file`);
    const root = (want === "plan" ? value.planned_values : value.values) as Record<string, unknown> | undefined;
    const objects: Record<string, InfraObject> = {};
    // A workspace with nothing applied prints only format_version: no resources, not an error.
    if (root === undefined) return objects;
    if (!isRecord(root) || (root.root_module !== undefined && !isRecord(root.root_module))) throw new ProbeError(`${what}: expected ${expected}, found a document without a root_module object`);
    collectModule(root.root_module as Record<string, unknown> | undefined, objects, ctx.options.secrets, what);
    return objects;
  },
  weigh,
  weighMissing(kind, side): Weight {
    void kind;
    // A resource production has and staging lacks (a count of 3 against 2) was never exercised.
    return side === "staging" ? { severity: "high", dimension: "deployment-friction" } : { severity: "medium", dimension: "deployment-friction" };
  },
};

/**
 * Severity rule for Terraform (also in the README): instance types, sizes, counts and capacity
 * (`instance_type`, `min_size`, `allocated_storage`, `*_count` …) are HIGH and come first, as do
 * versions and images (`engine_version`, `ami`); security-related attributes (security groups,
 * CIDRs, policies, encryption) are MEDIUM in the security dimension; every other attribute MEDIUM.
 */
function weigh(kind: string, path: string): Weight {
  void kind;
  const last = path.replace(/\[[^\]]*\]/g, "").split(".").pop() ?? path;
  if (SIZE.test(last) || /scaling/.test(path)) return { severity: "high", dimension: "deployment-friction" };
  if (VERSION.test(last)) return { severity: "high", dimension: "test-reliability" };
  if (SECURITY.test(path)) return { severity: "medium", dimension: "security" };
  return { severity: "medium" };
}

function collectModule(module: Record<string, unknown> | undefined, objects: Record<string, InfraObject>, secrets: readonly string[], what: string): void {
  if (!module) return;
  const resources = module.resources ?? [];
  if (!Array.isArray(resources)) throw new ProbeError(`${what}: expected resources to be a list in module ${String(module.address ?? "root")}`);
  for (const resource of resources) {
    if (!isRecord(resource) || typeof resource.address !== "string") throw new ProbeError(`${what}: expected each resource to have an address, found ${describeFound(resource)}`);
    objects[resource.address] = toObject(resource, secrets);
  }
  const children = module.child_modules ?? [];
  if (Array.isArray(children)) for (const child of children) if (isRecord(child)) collectModule(child, objects, secrets, what);
}

function toObject(resource: Record<string, unknown>, secrets: readonly string[]): InfraObject {
  const values = structuredClone(isRecord(resource.values) || Array.isArray(resource.values) ? resource.values : { value: resource.values ?? null }) as Record<string, unknown>;
  // `terraform show -json` prints sensitive values in clear; sensitive_values says which they are.
  const known = new Set<string>();
  markSensitive(values, resource.sensitive_values, known);
  const noise: Record<string, string> = {};
  takeByKey(values, noise);
  if (resource.type === "terraform_data") delete values.output;
  protectSecrets(values, secrets, known);
  const kind = `${resource.mode === "data" ? "data." : ""}${String(resource.type)}`;
  return { kind, value: values as InfraObject["value"], ...(Object.keys(noise).length ? { noise } : {}) };
}

function markSensitive(values: unknown, sensitive: unknown, known: Set<string>): void {
  if (sensitive === true) {
    collectStrings(values, known);
    return;
  }
  if (isRecord(sensitive) && isRecord(values)) for (const key of Object.keys(sensitive)) markSensitive(values[key], sensitive[key], known);
  if (Array.isArray(sensitive) && Array.isArray(values)) sensitive.forEach((s, i) => markSensitive(values[i], s, known));
}

function collectStrings(node: unknown, out: Set<string>): void {
  if (typeof node === "string") out.add(node);
  else if (typeof node === "number") out.add(String(node));
  else if (Array.isArray(node)) node.forEach((n) => collectStrings(n, out));
  else if (isRecord(node)) Object.values(node).forEach((n) => collectStrings(n, out));
}

/** Removes noise attributes at any depth; one hash per label over everything it removed. */
function takeByKey(values: Record<string, unknown>, noise: Record<string, string>): void {
  const taken = new Map<string, unknown[]>();
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${path}[${i}]`));
    else if (isRecord(node)) {
      for (const key of Object.keys(node)) {
        const hit = NOISE_KEYS.find(([, re]) => re.test(key));
        if (hit) {
          taken.set(hit[0], [...(taken.get(hit[0]) ?? []), [path, key, node[key]]]);
          delete node[key];
        } else walk(node[key], `${path}.${key}`);
      }
    }
  };
  walk(values, "");
  for (const [label, items] of taken) noise[label] = noiseHash(items);
}
