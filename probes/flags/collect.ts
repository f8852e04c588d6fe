import type { Environment } from "../../src/map/schema.js";
import type { CollectContext } from "../../src/probe.js";
import { Redactor } from "../../src/redact.js";
import { describeSource, readSourceWith } from "../config/source.js";
import type { ConfigSource } from "../config/types.js";
import { parseDocument, readFlags } from "./document.js";
import { FLAGS_SNAPSHOT_FORMAT, FLAGS_SNAPSHOT_VERSION, type FlagsOptions, type FlagsSnapshot } from "./types.js";

/** One side: the flag document of the environment's config source, read in its format. */
export async function collectFlags(env: Environment, ctx: CollectContext<FlagsOptions>): Promise<FlagsSnapshot> {
    const source = env.config as ConfigSource | undefined;
    const read = await readSourceWith(source, { envName: env.name, mapDir: ctx.mapDir, signal: ctx.signal }, (text, what) => {
      const doc = parseDocument(text, what);
      return readFlags(doc, ctx.options.format, { what, envName: env.name, environment: ctx.options.environments?.[env.name] });
    });
    // Variant values come from the document; a secret the map registered for this source never reaches the snapshot.
    const redactor = new Redactor().addHeaderValues(source?.headers);
    return redactor.scrubValue({
      format: FLAGS_SNAPSHOT_FORMAT,
      version: FLAGS_SNAPSHOT_VERSION,
      collectedAt: new Date().toISOString(),
      source: describeSource(source as ConfigSource),
      flagFormat: read.format,
      ...(read.environment ? { environment: read.environment } : {}),
      flags: read.flags,
    } satisfies FlagsSnapshot);
}
