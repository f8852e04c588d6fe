import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoInfra } from "../../src/demo/infra-documents.js";
import type { DemoPart } from "../../src/demo/part.js";
import { collect, compare, options } from "./helpers.js";

describe("the demo's infrastructure and lockfile sides", () => {
  let workDir: string;
  let part: DemoPart;
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), "parity-demo-infra-"));
    part = await startDemoInfra(workDir);
  });
  afterAll(async () => {
    await part.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("sets the variables the example map reads", () => {
    expect(Object.keys(part.env).sort()).toEqual([
      "PRODUCTION_K8S_COMMAND",
      "PRODUCTION_LOCKFILE",
      "PRODUCTION_US_K8S_COMMAND",
      "PRODUCTION_US_LOCKFILE",
      "STAGING_K8S_COMMAND",
      "STAGING_LOCKFILE",
    ]);
  });

  it("tells the example map's story through the real probe: a digest production runs that staging never ran, packages likewise", async () => {
    const k8s = options({ preset: "kubernetes", namespaces: { payments: { staging: "payments-staging" } } });
    const workloads = compare(
      await collect("staging", { command: part.env.STAGING_K8S_COMMAND }, k8s, workDir),
      await collect("production", { command: part.env.PRODUCTION_K8S_COMMAND }, k8s, workDir),
      k8s,
    );
    expect(workloads[0]).toMatchObject({ subject: "Deployment/payments/api", severity: "high" });
    expect(workloads[0]!.message).toContain("that staging never ran");
    const lock = options({ preset: "lockfile" });
    const deps = compare(await collect("staging", { file: part.env.STAGING_LOCKFILE }, lock, workDir), await collect("production", { file: part.env.PRODUCTION_LOCKFILE }, lock, workDir), lock);
    expect(deps.map((o) => o.subject)).toEqual(["debug", "ms", "picocolors", "picomatch"]);
  });
});
