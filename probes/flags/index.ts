import { z } from "zod";
import { defineProbe } from "../../src/probe.js";
import { Redactor } from "../../src/redact.js";
import { describeSource, readSourceWith } from "../config/source.js";
import { configTarget } from "../config/target.js";
import type { ConfigSource } from "../config/types.js";
import { compareFlags } from "./compare.js";
import { parseDocument, readFlags } from "./document.js";
import { FLAG_FORMATS, FLAGS_SNAPSHOT_FORMAT, FLAGS_SNAPSHOT_VERSION, type FlagsOptions, type FlagsSnapshot } from "./types.js";

/**
 * `kind: flags` — are the same features switched on? Reads each environment's feature-flag
 * document from a config source (a file, a command or an endpoint: a flagd flag file, an
 * Unleash or LaunchDarkly export, or a plain map) and compares each flag's state, default
 * variant, variants and a hash of its targeting rules.
 */
export const flagsProbe = defineProbe<FlagsOptions, FlagsSnapshot>({
  kind: "flags",
  dimension: "test-reliability",
  nouns: { one: "feature flag differs", many: "feature flags differ" },
  description: "Compares feature flags (flagd, Unleash, LaunchDarkly or a plain map) read from a config source: on/off, default variant, variants, targeting rules",
  target: configTarget,
  options: {
    format: z.enum(FLAG_FORMATS).optional().describe("The flag document's format; default: detected from the document"),
    productionImpliesStaging: z
      .boolean()
      .default(false)
      .describe("A flag on in production must be on in staging (high if not); on in staging only is expected and only measured"),
    environments: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe("For an Unleash or LaunchDarkly export holding several environments: the one each parity environment reads (e.g. staging: development)"),
    ignore: z.array(z.string().min(1)).default([]).describe("Globs over flag keys to leave out (e.g. experiment-*)"),
  },
  defaultTimeoutMs: 30_000,
  async collect(env, ctx) {
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
  },
  compare: (staging, production, ctx) =>
    compareFlags(staging, production, { ignore: ctx.options.ignore ?? [], productionImpliesStaging: ctx.options.productionImpliesStaging ?? false }),
});
