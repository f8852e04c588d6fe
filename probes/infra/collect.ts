import { ProbeError } from "../../src/errors.js";
import { defaultHasher } from "../../src/secret-hash.js";
import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { describeSource, readSourceText } from "../config/source.js";
import type { ConfigSource } from "../config/types.js";
import { PRESET_TABLE } from "./presets/index.js";
import type { InfraOptions, InfraSnapshot } from "./types.js";

/** One side: the environment's documents, read through its config source and extracted by the preset. */
export async function collectInfra(env: Environment, ctx: CollectContext<InfraOptions>): Promise<InfraSnapshot> {
    const source = env.config as ConfigSource | undefined;
    const texts = await readSourceText(source, { envName: env.name, mapDir: ctx.mapDir, signal: ctx.signal });
    const preset = PRESET_TABLE[ctx.options.preset];
    if (!preset) throw new ProbeError(`unknown preset ${String(ctx.options.preset)}`);
    const sourceKind = source?.files ? "files" : source?.url ? "url" : source?.command ? "command" : "file";
    const objects = preset.extract(texts, { options: ctx.options, sourceKind });
    return { preset: preset.name, source: describeSource(source as ConfigSource), objects, hashKey: defaultHasher().keyId };
}
