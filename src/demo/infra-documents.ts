import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import productionLock from "../../test/fixtures/infra/lockfiles/npm-production/package-lock.json" with { type: "json" };
import stagingLock from "../../test/fixtures/infra/lockfiles/npm-staging/package-lock.json" with { type: "json" };
import productionK8s from "../../test/fixtures/infra/kubernetes/production.live.json" with { type: "json" };
import stagingK8s from "../../test/fixtures/infra/kubernetes/staging.live.json" with { type: "json" };
import type { StartDemoPart } from "./part.js";

/**
 * The demo's infrastructure and artifact sides, from the committed fixtures (real kubectl and
 * npm output, see test/fixtures/infra/COMMANDS.md), written into workDir/infra:
 * - Kubernetes Lists as `kubectl get … -o json` prints them from a live cluster: production runs
 *   an api image digest staging never ran, higher limits and a larger quota; staging's objects
 *   live in namespace payments-staging (mapped by the example map);
 * - npm lockfiles: production runs newer debug and ms and a package staging never had.
 * Both production regions run the same release: production-us reads production's documents.
 * The example map reads the Kubernetes side through a command (`cat`), as it would `kubectl`.
 */
export const startDemoInfra: StartDemoPart = async (workDir) => {
  const dir = join(workDir, "infra");
  await mkdir(dir, { recursive: true });
  const files = {
    "staging-k8s.json": stagingK8s,
    "production-k8s.json": productionK8s,
    "staging-package-lock.json": stagingLock,
    "production-package-lock.json": productionLock,
  };
  await Promise.all(Object.entries(files).map(([name, doc]) => writeFile(join(dir, name), `${JSON.stringify(doc, null, 2)}\n`, "utf8")));
  const quoted = (name: string) => `cat '${join(dir, name).replace(/'/g, "'\\''")}'`;
  return {
    env: {
      STAGING_K8S_COMMAND: quoted("staging-k8s.json"),
      PRODUCTION_K8S_COMMAND: quoted("production-k8s.json"),
      PRODUCTION_US_K8S_COMMAND: quoted("production-k8s.json"),
      STAGING_LOCKFILE: join(dir, "staging-package-lock.json"),
      PRODUCTION_LOCKFILE: join(dir, "production-package-lock.json"),
      PRODUCTION_US_LOCKFILE: join(dir, "production-package-lock.json"),
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
};
