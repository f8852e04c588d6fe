import { parse as parseYaml, YAMLParseError } from "yaml";
import { ProbeError } from "../../src/errors.js";
import { flagdReader } from "./formats/flagd.js";
import { launchDarklyReader } from "./formats/launchdarkly.js";
import { plainReader } from "./formats/plain.js";
import type { FormatReader, ReadContext, ReadFlags } from "./formats/reader.js";
import { unleashReader } from "./formats/unleash.js";
import type { FlagFormat } from "./types.js";

/** Detection tries the specific formats first; anything else that is a map is a plain map of flags. */
const READERS: readonly FormatReader[] = [flagdReader, launchDarklyReader, unleashReader, plainReader];

/**
 * JSON when it starts like JSON, YAML otherwise (flagd and plain flag files come in both).
 * Parser messages are not passed on verbatim: they quote the document, which may hold a secret.
 */
export function parseDocument(text: string, what: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") throw new ProbeError(`${what} is empty`);
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch (error) {
      const position = /at position (\d+)/.exec(String((error as Error).message))?.[1];
      const where = position === undefined ? "" : ` (${lineColumn(trimmed, Number(position))})`;
      throw new ProbeError(`${what} is not valid JSON${where}`);
    }
  }
  try {
    return parseYaml(trimmed);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      throw new ProbeError(`${what} is neither JSON nor valid YAML${pos ? ` (line ${pos.line}, column ${pos.col})` : ""}: ${error.message.split(" at line ")[0]!.slice(0, 160)}`);
    }
    throw new ProbeError(`${what} is neither JSON nor valid YAML`);
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split("\n");
  return `line ${before.length}, column ${before[before.length - 1]!.length + 1}`;
}

/** Reads the flags of a document in the format given, or the one it looks like. */
export function readFlags(doc: unknown, format: FlagFormat | undefined, ctx: ReadContext): ReadFlags & { format: FlagFormat } {
  if (format) {
    const reader = READERS.find((r) => r.format === format)!;
    const looks = READERS.find((r) => r.format !== "plain" && r.looksLike(doc));
    if (format !== "plain" && !reader.looksLike(doc)) {
      const hint = looks ? `; it looks like ${looks.title}: set format: ${looks.format}, or leave format out` : "";
      throw new ProbeError(`${ctx.what} is not ${reader.title}${hint}`);
    }
    return { ...reader.read(doc, ctx), format };
  }
  const reader = READERS.find((r) => r.looksLike(doc));
  if (!reader) {
    throw new ProbeError(`${ctx.what} holds ${Array.isArray(doc) ? "a list" : "a single value"}, not feature flags (a flagd flag file, an Unleash or LaunchDarkly export, or a map of flags)`);
  }
  return { ...reader.read(doc, ctx), format: reader.format };
}
