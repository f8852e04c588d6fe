import { describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { collect, compare, options, rows } from "./helpers.js";

describe("infra probe, helm preset (documented helm JSON shapes)", () => {
  const helm = options({ preset: "helm", equivalents: { "payments.example.com": { staging: "staging.payments.example.com" } } });

  it("user-supplied values: the image tag first, hosts declared equivalent, the password by hash", async () => {
    const observations = compare(await collect("staging", { file: "helm/staging.values.json" }, helm), await collect("production", { file: "helm/production.values.json" }, helm), helm);
    expect(rows(observations)).toEqual([
      "high values image.tag",
      "medium values autoscaling.maxReplicas",
      "medium values env.CREDIT_BUREAU_URL",
      "medium values resources.limits.memory",
      "low values postgresql.auth.password",
    ]);
    expect(JSON.stringify(observations)).not.toContain("canary-helm");
  });

  it("releases of helm list: chart and app versions by namespace/name; revision and update time are noise", async () => {
    const opts = options({ preset: "helm", namespaces: {}, equivalents: { payments: { staging: "payments-staging" } } });
    const observations = compare(await collect("staging", { file: "helm/staging.list.json" }, opts), await collect("production", { file: "helm/production.list.json" }, opts), opts);
    expect(observations.map((o) => o.message)).toEqual([
      "release/payments/payments: app_version is 1.42.0 in staging and 1.41.3 in production",
      "release/payments/payments: chart is payments-3.4.1 in staging and payments-3.3.0 in production",
      "2 differences in release bookkeeping left out: revision, updated (2) (not reported as findings)",
    ]);
  });

  it("a Kubernetes object is not helm output", async () => {
    await expect(collect("staging", { file: "kubernetes/pod.json" }, helm)).rejects.toThrow(/expected `helm get values RELEASE -o json` .* found a Pod named debug \(a Kubernetes object: use preset: kubernetes\)$/);
  });
});

describe("infra probe, compose preset (docker compose config --format json)", () => {
  const compose = options({ preset: "compose", equivalents: { production: { staging: "staging" } } });

  it("services by name, ports keyed by target, the password by hash, reordered ports no finding", async () => {
    const observations = compare(await collect("staging", { file: "compose/staging.json" }, compose), await collect("production", { file: "compose/production.json" }, compose), compose);
    expect(rows(observations)).toEqual([
      "high service/db image",
      "medium service/api deploy.resources.limits.memory",
      "medium service/api environment.RETRY_LIMIT",
      "low service/api environment.DATABASE_URL",
      "low service/db environment.POSTGRES_PASSWORD",
    ]);
    expect(JSON.stringify(observations)).not.toContain("canary-compose");
    expect(observations[3]).toMatchObject({
      message: "service/api: environment.DATABASE_URL differs only in its secret parts (compared by hash)",
      staging: "postgres://payments:«redacted»@db:5432/payments",
    });
  });

  it("the same model with every list shuffled gives no finding", async () => {
    const a = await collect("staging", { file: "compose/staging.json" }, compose);
    const b = await collect("staging", { command: `node -e 'const d=require("./compose/staging.json"); d.services.api.ports.reverse(); process.stdout.write(JSON.stringify(d))'` }, compose);
    expect(compare(a, b, compose, { staging: "staging", production: "staging" })).toEqual([]);
  });

  it("a document without services is a probe error", async () => {
    const error = await collect("staging", { file: "helm/staging.values.json" }, compose).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(/: expected `docker compose config --format json` \(an object with services\), found an object with keys autoscaling, env, image, ingress, postgresql, resources$/);
  });
});
