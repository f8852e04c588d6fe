import type { z } from "zod";
import { ProbeError } from "../../../src/errors.js";
import { describeIssue, formatPath } from "../../../src/map/zod-issues.js";
import type { FlagFormat, FlagState } from "../types.js";

export interface ReadContext {
  /** The source, as messages name it ("config file flags/staging.json"). */
  what: string;
  /** The parity environment being read. */
  envName: string;
  /** The tool's environment to read, from the probe's `environments:` (Unleash, LaunchDarkly). */
  environment?: string;
}

export interface ReadFlags {
  flags: Record<string, FlagState>;
  environment?: string;
}

/** One feature-flag document format: how to recognise it and how to read its flags. */
export interface FormatReader {
  format: FlagFormat;
  /** What the document is called in sentences: "a flagd flag file". */
  title: string;
  looksLike(doc: unknown): boolean;
  read(doc: unknown, ctx: ReadContext): ReadFlags;
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates `doc` against a format's schema; the first problems, each at its key path, make the error. */
export function validate<T>(schema: z.ZodType<T>, doc: unknown, ctx: ReadContext, title: string): T {
  const result = schema.safeParse(doc);
  if (result.success) return result.data;
  const messages = result.error.issues.flatMap((issue) => describeIssue(issue, doc, schema)).map((m) => `${formatPath(m.path)}: ${m.message}`);
  const shown = messages.slice(0, 3).join("; ") + (messages.length > 3 ? `; and ${messages.length - 3} more` : "");
  throw new ProbeError(`${ctx.what} is not ${title}: ${shown}`);
}

/**
 * The tool environment to read from a document that holds several (an Unleash state export, a
 * LaunchDarkly flag with its environments): the one the probe's `environments:` names for
 * this parity environment, else the only one, else one named like the parity environment.
 */
export function chooseEnvironment(available: string[], ctx: ReadContext, title: string): string {
  const wanted = ctx.environment;
  if (wanted !== undefined) {
    if (available.includes(wanted)) return wanted;
    throw new ProbeError(`${ctx.what} (${title}) has no environment "${wanted}"; it holds ${available.join(", ") || "none"}`);
  }
  if (available.length === 1) return available[0]!;
  if (available.includes(ctx.envName)) return ctx.envName;
  throw new ProbeError(
    `${ctx.what} (${title}) holds environments ${available.join(", ")}; say which one ${ctx.envName} reads with the probe's environments: { ${ctx.envName}: NAME }`,
  );
}
