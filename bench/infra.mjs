#!/usr/bin/env node
// Benchmark: the infra probe on 5,000 Kubernetes objects (~50 MB of `kubectl get -o json`) per
// side (issue 14). Reproduce with:  node bench/infra.mjs
// Builds with tsc, generates both Lists (deterministic), then times in fresh processes, median
// of RUNS: the probe in-process (collect both sides + compare), the whole `parity audit` CLI,
// and the peer `diff <(jq -S . staging) <(jq -S . production)` (jq from Debian if missing).
// Peak RSS is the largest process of each pipeline (GNU time's %M). Writes bench/results/infra.md.
import { execFileSync, execSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const work = join(tmpdir(), "parity-bench-infra");
const OBJECTS = 5_000;
const RUNS = 3;
const files = { staging: join(work, "staging.json"), production: join(work, "production.json") };

if (process.argv[2] === "probe") await probeOnce();
else if (process.argv[2] === "generate") { mkdirSync(work, { recursive: true }); generate(); }
else await main();

async function main() {
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json")], { stdio: "inherit" });
  if (spawnSync("sh", ["-c", "command -v jq"]).status !== 0) execSync("apt-get install -y jq", { stdio: "inherit" });
  const jqVersion = execSync("jq --version").toString().trim();
  mkdirSync(work, { recursive: true });
  const planted = generate();
  writeFileSync(join(work, "parity-map.yaml"), mapText());
  const size = (statSync(files.staging).size + statSync(files.production).size) / 2;

  const loadBefore = loadavg()[0];
  const rows = [];
  const measure = (label, command, parse) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %M %U %S", "bash", "-c", command], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024, cwd: work });
      const [, seconds, kb, user, sys] = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr) ?? [];
      if (!seconds) throw new Error(`${label} failed: ${r.stderr.slice(-2000)}`);
      runs.push({ s: Number(seconds), cpu: Number(user) + Number(sys), mb: Number(kb) / 1024, out: parse(r.stdout) });
    }
    runs.sort((a, b) => a.s - b.s);
    const median = runs[Math.floor(RUNS / 2)];
    const cpuMedian = runs.map((r) => r.cpu).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    rows.push({ label, ...median, cpu: cpuMedian, all: runs.map((r) => r.s.toFixed(2)) });
  };
  measure("parity: the infra probe in-process (collect both sides + compare)", `${process.execPath} ${fileURLToPath(import.meta.url)} probe`, (out) => `${JSON.parse(out).findings} findings`);
  measure("parity: whole `parity audit --format json` (start-up, map, probe, report)", `${process.execPath} ${join(root, "dist/src/cli/main.js")} audit --map parity-map.yaml --format json --no-history --out audit.json; test -s audit.json`, () => `${countFindings(join(work, "audit.json"))} findings`);
  measure(`peer: diff <(jq -S . staging) <(jq -S . production) (${jqVersion})`, `diff <(jq -S . staging.json) <(jq -S . production.json) | wc -l`, (out) => `${out.trim()} diff lines`);
  const loadAfter = loadavg()[0];

  const lines = [
    "## Infra probe: Kubernetes objects (`kind: infra`, `preset: kubernetes`)",
    "",
    `Each side is a generated \`kubectl get -o json\` List of ${OBJECTS.toLocaleString("en")} objects (${(size / 1048576).toFixed(1)} MB on average; Deployments with 2 containers, 8 env entries, probes, volumes, managedFields, last-applied-configuration and status, plus Services, ConfigMaps and HPAs). Production differs from staging in ${planted} planted fields; every object's server noise (uid, resourceVersion, managedFields, status …) differs, and every tenth object has its lists in another order. Median of ${RUNS} runs, each in a fresh process; peak RSS of the largest process. CPU time is the sum over the pipeline's processes (on a loaded machine it is the fairer figure: wall time then includes waiting for a core).`,
    "",
    "| tool | median wall time | median CPU time (user + sys) | peak RSS | wall time of each run (s) | result |",
    "|---|---:|---:|---:|---|---|",
    ...rows.map((r) => `| ${r.label} | ${r.s.toFixed(2)} s | ${r.cpu.toFixed(2)} s | ${Math.round(r.mb)} MB | ${r.all.join(", ")} | ${r.out} |`),
    "",
    "The peer's diff lines count every reordered list and every server-managed field as a change; parity reports the planted fields only (and counts the noise in a note).",
    "",
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; 1-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after (above ${cpus().length}, other work shared the cores and the times are upper bounds). Reproduce: \`node bench/infra.mjs\`.`,
    "",
  ];
  const out = lines.join("\n");
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/infra.md"), out);
  console.log(out);
}

/** The probe as the runner calls it: both sides collected at once, then compared. */
async function probeOnce() {
  const { infraProbe } = await import(pathToFileURL(join(root, "dist/probes/infra/index.js")).href);
  const { z } = await import("zod");
  const options = z.strictObject(infraProbe.options).parse({ preset: "kubernetes" });
  const ctx = (side) => ({ probeId: "workloads", options, signal: new AbortController().signal, timeoutMs: 600_000, side, mapDir: work, shared: (_k, c) => c() });
  const env = (name) => ({ name, config: { file: files[name], timeoutMs: 600_000 } });
  const [s, p] = await Promise.all([infraProbe.collect(env("staging"), ctx("staging")), infraProbe.collect(env("production"), ctx("production"))]);
  const observations = infraProbe.compare(s, p, { probeId: "workloads", options, staging: env("staging"), production: env("production"), differenceIds: [], now: new Date() });
  console.log(JSON.stringify({ findings: observations.filter((o) => (o.kind ?? "difference") === "difference").length }));
}

function countFindings(file) {
  const audit = JSON.parse(execSync(`cat '${file}'`, { maxBuffer: 512 * 1024 * 1024 }).toString());
  return audit.pairs[0].findings.filter((f) => f.kind === "gap" && !f.declared).length;
}

function mapText() {
  return `version: 1
service: bench
environments:
  staging: { config: { file: staging.json } }
  production: { config: { file: production.json } }
pairs: [{ staging: staging, production: production }]
probes:
  - { id: workloads, kind: infra, preset: kubernetes, timeoutMs: 600000 }
`;
}

/** Deterministic Lists; returns how many fields production differs in on purpose. */
function generate() {
  let planted = 0;
  const sides = { staging: [], production: [] };
  for (let i = 0; i < OBJECTS; i++) {
    for (const side of ["staging", "production"]) {
      const prod = side === "production";
      const kind = i % 10 < 7 ? "Deployment" : i % 10 === 7 ? "Service" : i % 10 === 8 ? "ConfigMap" : "HorizontalPodAutoscaler";
      let object = build(kind, i, side);
      if (prod && i % 100 === 0 && kind === "Deployment") {
        object.spec.template.spec.containers[0].image = `ghcr.io/acme/app-${i}:2.0.${i}`;
        planted++;
      }
      if (prod && i % 100 === 1 && kind === "Deployment") {
        object.spec.template.spec.containers[0].env[7].value = "changed";
        planted++;
      }
      if (prod && i % 10 === 3) object = reorder(object);
      object.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"] = JSON.stringify({ apiVersion: object.apiVersion, kind, metadata: { name: object.metadata.name }, spec: object.spec });
      sides[side].push(object);
    }
  }
  for (const side of ["staging", "production"]) writeFileSync(files[side], JSON.stringify({ apiVersion: "v1", items: sides[side], kind: "List", metadata: { resourceVersion: "" } }, null, 4));
  return planted;
}

function build(kind, i, side) {
  const name = `svc-${i}`;
  const noise = (s) => `${side}-${i}-${s}`;
  const metadata = {
    name, namespace: "apps", uid: noise("uid"), resourceVersion: String(i * 7 + (side === "staging" ? 1 : 2)), generation: side === "staging" ? 3 : 9,
    creationTimestamp: side === "staging" ? "2026-11-02T08:14:31Z" : "2026-06-17T19:03:12Z",
    labels: { app: name, team: `team-${i % 13}`, "app.kubernetes.io/managed-by": "Helm" }, annotations: { "deployment.kubernetes.io/revision": String(side === "staging" ? 3 : 9) },
    managedFields: [{ apiVersion: "apps/v1", fieldsType: "FieldsV1", manager: "kubectl-client-side-apply", operation: "Update", time: noise("t"), fieldsV1: { "f:spec": { "f:replicas": {}, "f:template": { "f:spec": { "f:containers": { [`k:{"name":"app"}`]: { ".": {}, "f:env": {}, "f:image": {} } } } } } } }],
  };
  if (kind === "Service") return { apiVersion: "v1", kind, metadata, spec: { clusterIP: noise("ip"), ports: [{ name: "http", port: 80, targetPort: 8080 }, { name: "metrics", port: 9090, targetPort: 9090 }], selector: { app: name }, type: "ClusterIP" }, status: { loadBalancer: {} } };
  if (kind === "ConfigMap") return { apiVersion: "v1", kind, metadata, data: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`KEY_${k}`, `value-${k}-${i % 5}`])) };
  if (kind === "HorizontalPodAutoscaler") return { apiVersion: "autoscaling/v2", kind, metadata, spec: { maxReplicas: 10, minReplicas: 2, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: `svc-${i - 1}` }, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] }, status: { currentReplicas: 2, desiredReplicas: 2 } };
  const container = (cname, image) => ({
    name: cname, image, imagePullPolicy: "IfNotPresent", args: ["--port=8080", `--instance=${i}`],
    env: Array.from({ length: 8 }, (_, k) => ({ name: `ENV_VAR_${k}`, value: `value-${k}-${i % 7}` })),
    ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }, { name: "metrics", containerPort: 9090, protocol: "TCP" }],
    resources: { limits: { cpu: "1", memory: "512Mi" }, requests: { cpu: "250m", memory: "256Mi" } },
    readinessProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 5 }, livenessProbe: { httpGet: { path: "/health", port: "http" }, periodSeconds: 10 },
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, { name: "config", mountPath: "/etc/app" }],
  });
  return {
    apiVersion: "apps/v1", kind, metadata,
    spec: {
      replicas: 2, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container("app", `ghcr.io/acme/app-${i}:1.0.${i}`), container("sidecar", "envoyproxy/envoy:v1.31.0")], volumes: [{ name: "tmp", emptyDir: {} }, { name: "config", configMap: { name } }] } },
    },
    status: { availableReplicas: 2, readyReplicas: 2, replicas: 2, conditions: [{ type: "Available", status: "True", lastUpdateTime: noise("c1") }, { type: "Progressing", status: "True", lastUpdateTime: noise("c2") }] },
  };
}

/** Every list reversed (container args keep their order: it is their meaning). */
function reorder(node, key = "") {
  if (Array.isArray(node)) return key === "args" ? node : node.map((n) => reorder(n, key)).reverse();
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).reverse().map(([k, v]) => [k, reorder(v, k)]));
  return node;
}
