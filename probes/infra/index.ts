import { defineProbe } from "../../src/probe.js";
import { ProbeError } from "../../src/errors.js";
import { describeSource, readSourceText } from "../config/source.js";
import { configTarget } from "../config/target.js";
import type { ConfigSource } from "../config/types.js";
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
  async collect(env, ctx) {
    const source = env.config as ConfigSource | undefined;
    const texts = await readSourceText(source, { envName: env.name, mapDir: ctx.mapDir, signal: ctx.signal });
    const preset = PRESET_TABLE[ctx.options.preset];
    if (!preset) throw new ProbeError(`unknown preset ${String(ctx.options.preset)}`);
    const sourceKind = source?.files ? "files" : source?.url ? "url" : source?.command ? "command" : "file";
    return { preset: preset.name, source: describeSource(source as ConfigSource), objects: preset.extract(texts, { options: ctx.options, sourceKind }) };
  },
  compare(staging, production, ctx) {
    const preset = PRESET_TABLE[ctx.options.preset];
    for (const [side, snap] of [["staging", staging], ["production", production]] as const) {
      if (snap.preset !== preset.name) throw new ProbeError(`${side}'s snapshot was collected with preset ${snap.preset}, not ${preset.name}`);
    }
    return compareInfra(staging, production, preset, { options: ctx.options, stagingName: ctx.staging.name, productionName: ctx.production.name });
  },
});
