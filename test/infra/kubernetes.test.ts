import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { collect, compare, FIXTURES, options, rows } from "./helpers.js";
import { shuffleLists } from "./shuffle.js";

const k8s = options({ preset: "kubernetes", namespaces: { payments: { staging: "payments-staging" } } });
/** Without namespace mapping: both sides of the same-side tests are staging. */
const plain = options({ preset: "kubernetes" });
const LIVE_STAGING = { file: "kubernetes/staging.live.json" };
const LIVE_PRODUCTION = { file: "kubernetes/production.live.json" };

describe("infra probe, kubernetes preset (real kubectl Lists)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parity-infra-k8s-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A variant of staging's live List, written as a file for a `command: cat` source. */
  async function variant(name: string, change: (list: { items: Array<Record<string, any>> }) => unknown): Promise<string> {
    const list = JSON.parse(await readFile(join(FIXTURES, "kubernetes/staging.live.json"), "utf8"));
    const out = change(list) ?? list;
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(out));
    return file;
  }

  it("reports each planted difference once, by object and field, the image first; namespaces mapped, server noise and HPA replicas left out", async () => {
    const observations = compare(await collect("staging", LIVE_STAGING, k8s), await collect("production", LIVE_PRODUCTION, k8s), k8s);
    expect(rows(observations)).toEqual([
      "high Deployment/payments/api spec.template.spec.containers[api].image",
      "medium ConfigMap/payments/payments-flags data.FRAUD_CHECK_MODE",
      "medium Deployment/payments/api spec.template.spec.containers[api].env[CREDIT_BUREAU_URL].value",
      "medium Deployment/payments/api spec.template.spec.containers[api].livenessProbe.failureThreshold",
      "medium Deployment/payments/api spec.template.spec.containers[api].resources.limits.cpu",
      "medium Deployment/payments/api spec.template.spec.containers[api].resources.limits.memory",
      "medium Deployment/payments/payout-worker spec.template.spec.containers[worker].env[BATCH_SIZE].value",
      "medium HorizontalPodAutoscaler/payments/api spec.maxReplicas",
      "medium ResourceQuota/payments/compute spec.hard.pods",
      "low Secret/payments/payments-db data.password",
      "low (ignored) ignored",
    ]);
    expect(observations[0]!.message).toMatch(/^Deployment\/payments\/api: spec\.template\.spec\.containers\[api\]\.image is .* production runs digest sha256:9c0d2e4f6a8b… that staging never ran$/);
    expect(observations[0]!.dimension).toBe("test-reliability");
    expect(observations[4]!.message).toBe("Deployment/payments/api: spec.template.spec.containers[api].resources.limits.cpu is 1 in staging and 2 in production");
    const note = observations.at(-1)!;
    expect(note.kind).toBe("measurement");
    expect(note.message).toMatch(/^\d+ differences in server-managed fields left out: .*metadata\.uid \(7\)/);
  });

  it("every list of a real List shuffled on one side gives no finding", async () => {
    // command and args keep their order: it is their meaning.
    const file = await variant("shuffled", (list) => shuffleLists(list, (key) => key === "command" || key === "args"));
    const a = await collect("staging", LIVE_STAGING, plain);
    const b = await collect("production", { command: `cat '${file}'` }, plain);
    expect(compare(a, b, plain)).toEqual([]);
  });

  it.each<[string, (list: { items: Array<Record<string, any>> }) => void, string, string]>([
    ["an image tag", (l) => (l.items[0]!.spec.template.spec.containers[1].image = "envoyproxy/envoy:v1.31.2"), "Deployment/payments-staging/api", "spec.template.spec.containers[envoy].image"],
    ["an env value", (l) => (l.items[3]!.spec.template.spec.containers[0].env[1].value = "500"), "Deployment/payments-staging/payout-worker", "spec.template.spec.containers[worker].env[BATCH_SIZE].value"],
    ["a valueFrom reference", (l) => (l.items[0]!.spec.template.spec.containers[0].env[3].valueFrom.secretKeyRef.name = "payments-db-v2"), "Deployment/payments-staging/api", "spec.template.spec.containers[api].env[DB_PASSWORD].valueFrom.secretKeyRef.name"],
    ["a memory request", (l) => (l.items[0]!.spec.template.spec.containers[0].resources.requests.memory = "1Gi"), "Deployment/payments-staging/api", "spec.template.spec.containers[api].resources.requests.memory"],
    ["a readiness probe", (l) => (l.items[0]!.spec.template.spec.containers[0].readinessProbe.periodSeconds = 30), "Deployment/payments-staging/api", "spec.template.spec.containers[api].readinessProbe.periodSeconds"],
    ["HPA minimum", (l) => (l.items[1]!.spec.minReplicas = 1), "HorizontalPodAutoscaler/payments-staging/api", "spec.minReplicas"],
    ["a securityContext", (l) => (l.items[0]!.spec.template.spec.securityContext.runAsNonRoot = false), "Deployment/payments-staging/api", "spec.template.spec.securityContext.runAsNonRoot"],
    ["a quota", (l) => (l.items[5]!.spec.hard["requests.cpu"] = "8"), "ResourceQuota/payments-staging/compute", "spec.hard.requests.cpu"],
    ["a worker's replicas (no HPA)", (l) => (l.items[3]!.spec.replicas = 3), "Deployment/payments-staging/payout-worker", "spec.replicas"],
    ["a container only one side runs", (l) => l.items[0]!.spec.template.spec.containers.pop(), "Deployment/payments-staging/api", "spec.template.spec.containers[envoy]"],
    ["an object only one side has", (l) => l.items.splice(4, 1), "ConfigMap/payments-staging/payments-flags", "missing-in-production"],
  ])("one planted change (%s) on shuffled lists is exactly one finding naming its object and field", async (_what, change, subject, aspect) => {
    const file = await variant(`planted-${aspect.replace(/\W+/g, "-")}`, (list) => {
      change(list);
      return shuffleLists(list, (key) => key === "command" || key === "args");
    });
    const observations = compare(await collect("staging", LIVE_STAGING, plain), await collect("production", { file }, plain), plain);
    expect(observations.map((o) => [o.subject, o.aspect])).toEqual([[subject, aspect]]);
    expect(observations[0]!.message).toContain(subject);
  });

  it("an HPA owns replicas: a replica difference on a workload an HPA targets is only counted", async () => {
    const file = await variant("replicas", (l) => void (l.items[0]!.spec.replicas = 9));
    const observations = compare(await collect("staging", LIVE_STAGING, plain), await collect("production", { file }, plain), plain);
    expect(rows(observations)).toEqual(["low (ignored) ignored"]);
    expect(observations[0]!.message).toBe("1 difference in server-managed fields left out: spec.replicas (set by an HPA) (1) (not reported as findings)");
  });

  it("manifests from a folder compare with the live List of the same side: only server noise differs", async () => {
    const manifests = await collect("staging", { files: "kubernetes/manifests/staging" }, plain);
    const live = await collect("staging", LIVE_STAGING, plain);
    expect(Object.keys(manifests.objects)).toEqual(Object.keys(live.objects));
    // The live side has defaulted fields (strategy, revisionHistoryLimit …) the manifests leave out.
    const found = compare(manifests, live, plain).filter((o) => o.kind === undefined || o.kind === "difference");
    expect(found.map((o) => `${o.subject} ${o.aspect}`)).toEqual([
      "Deployment/payments-staging/api spec.progressDeadlineSeconds",
      "Deployment/payments-staging/api spec.revisionHistoryLimit",
      "Deployment/payments-staging/api spec.strategy",
      "Deployment/payments-staging/payout-worker spec.progressDeadlineSeconds",
      "Deployment/payments-staging/payout-worker spec.revisionHistoryLimit",
      "Deployment/payments-staging/payout-worker spec.strategy",
      "Service/payments-staging/api spec.internalTrafficPolicy",
      "Service/payments-staging/api spec.ipFamilies",
      "Service/payments-staging/api spec.ipFamilyPolicy",
      "Service/payments-staging/api spec.sessionAffinity",
      "Service/payments-staging/api spec.type",
    ]);
  });

  it("map ignore rules with wildcards leave differences out and count them in the note", async () => {
    const opts = options({ ...k8s, ignore: ["**.livenessProbe", "spec.template.spec.containers[*].resources.limits.*", "data.*"] });
    const observations = compare(await collect("staging", LIVE_STAGING, opts), await collect("production", LIVE_PRODUCTION, opts), opts);
    expect(observations.map((o) => o.aspect)).not.toContain("spec.template.spec.containers[api].livenessProbe.failureThreshold");
    expect(observations.at(-1)!.message).toMatch(/^5 differences ignored by rules: data\.\* \(2\), spec\.template\.spec\.containers\[\*\]\.resources\.limits\.\* \(2\), \*\*\.livenessProbe \(1\); \d+ differences in server-managed fields left out/);
  });

  it("secrets never reach the snapshot: Secret data, last-applied-configuration and secret-named values are hashes", async () => {
    const snapshot = await collect("staging", LIVE_STAGING, k8s);
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain("Y2FuYXJ5"); // base64 of "canary"
    // The last-applied-configuration annotation repeated the whole Secret: only its hash is kept.
    for (const object of Object.values(snapshot.objects)) {
      expect(object.noise?.["metadata.annotations.kubectl.kubernetes.io/last-applied-configuration"]).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(text).toContain("«secret hmac:");
    const observations = compare(snapshot, await collect("production", LIVE_PRODUCTION, k8s), k8s);
    expect(observations.find((o) => o.subject === "Secret/payments/payments-db")).toMatchObject({ staging: "«redacted»", production: "«redacted»", message: "Secret/payments/payments-db: data.password differs (secret, compared by hash)" });
  });

  it("a side hashed under another key (a snapshot taken without PARITY_HASH_KEY) leaves its secrets uncompared, and says so", async () => {
    const staging = await collect("staging", LIVE_STAGING, k8s);
    const elsewhere = await collect("production", LIVE_PRODUCTION, k8s);
    expect(staging.hashKey).toMatch(/^(key|random):[0-9a-f]{12}$/);
    // The same production, its marks and hashes made under another key.
    const other = JSON.parse(JSON.stringify(elsewhere).replace(/«secret hmac:([0-9a-f]+)»/g, (_m, h: string) => `«secret hmac:${[...h].reverse().join("")}»`)) as typeof elsewhere;
    other.hashKey = "random:0123456789ab";
    const observations = compare(staging, other, k8s);
    expect(observations.filter((o) => /compared by hash/.test(o.message))).toEqual([]);
    expect(observations.filter((o) => o.aspect === "hash-key")).toEqual([
      expect.objectContaining({ kind: "inconclusive", message: expect.stringMatching(/^\d+ secret values? (was|were) not compared \(Secret\/payments\/payments-db: data\.password.*PARITY_HASH_KEY was not set/) }),
    ]);
    // Everything else still compares: the image production runs that staging never ran.
    expect(observations.some((o) => /runs digest sha256:9c0d2e4f6a8b/.test(o.message))).toBe(true);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["a Pod where a List was expected", { command: "cat kubernetes/pod.json" }, /^config command "cat kubernetes\/pod\.json": expected a Kubernetes List \(the output of `kubectl get <kinds> -o json`\), found a Pod named debug \(`kubectl get` of one named object prints the object itself/],
    ["truncated JSON", { command: "head -c 2000 kubernetes/staging.live.json" }, /^config command "head -c 2000 kubernetes\/staging\.live\.json" is not valid JSON \(line \d+, column \d+\)$/],
    ["a failing command", { command: "echo 'error: context \"prod\" not found' >&2; exit 1" }, /exited with code 1: error: context "prod" not found$/],
    ["a list of things that are not objects", { command: `echo '{"kind":"List","apiVersion":"v1","items":[{"name":"x"}]}'` }, /: item 0: expected a Kubernetes object \(apiVersion, kind, metadata\.name\), found an object with keys name$/],
    ["a command printing nothing", { command: "true" }, /^config command "true" printed nothing on stdout$/],
  ])("bad input (%s) is a probe error naming the source, the expected shape and what was found", async (_what, source, message) => {
    const error = await collect("staging", source, k8s).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(message);
  });
});
