import { defineProbe, lazy } from "../../src/probe.js";
import { ProbeError } from "../../src/errors.js";
import { configTarget } from "../config/target.js";
import { compareInfra } from "./compare.js";
import { infraOptions } from "./options.js";
import { PRESET_TABLE } from "./presets/index.js";
import type { InfraOptions, InfraSnapshot } from "./types.js";

/**
 * The infra probe: reads a structured document from a config source (kubectl, terraform, helm,
 * docker compose output, manifests, a lockfile or an SBOM) and compares it object by object the
 * way engineers read it: by identity, without the noise the source adds on its own, secrets by
 * hash, the most consequential differences (images, sizes, counts) first.
 */
export const infraProbe = defineProbe<InfraOptions, InfraSnapshot>({
  kind: "infra",
  dimension: "deployment-friction",
  covers: ["test-reliability", "security"],
  nouns: { one: "infrastructure or artifact difference was found", many: "infrastructure or artifact differences were found" },
  description: "Compares infrastructure and artifacts: Kubernetes objects, Terraform state, Helm, Compose, lockfiles, SBOMs",
  target: configTarget,
  options: infraOptions,
  defaultTimeoutMs: 60_000,
  // Loaded when the probe runs, with the source readers it needs.
  collect: lazy(async () => (await import("./collect.js")).collectInfra),
  compare(staging, production, ctx) {
    const preset = PRESET_TABLE[ctx.options.preset];
    for (const [side, snap] of [["staging", staging], ["production", production]] as const) {
      if (snap.preset !== preset.name) throw new ProbeError(`${side}'s snapshot was collected with preset ${snap.preset}, not ${preset.name}`);
    }
    return compareInfra(staging, production, preset, { options: ctx.options, stagingName: ctx.staging.name, productionName: ctx.production.name });
  },
});
