import type { Dimension, Observation, Severity } from "../../../src/types.js";
import type { ListRules } from "../../documents/lists.js";
import type { SourceText } from "../../config/source.js";
import type { InfraObject, InfraOptions, PresetName } from "../types.js";

/** How much one difference matters, in the preset's judgement. */
export interface Weight {
  severity: Severity;
  dimension?: Dimension;
}

/** What a preset gets to read one side. */
export interface ExtractContext {
  options: InfraOptions;
  /** The source kind: a command or URL prints one document; files may hold many. */
  sourceKind: "file" | "files" | "url" | "command";
}

/**
 * A preset knows one kind of document: the shape it expects (and says so when the input is
 * something else), how its objects are identified, which fields are noise, and how much a
 * difference in each field matters.
 */
export interface Preset {
  name: PresetName;
  /** Reads the source's text(s) into objects by subject; a ProbeError names the expected shape. */
  extract(texts: SourceText[], ctx: ExtractContext): Record<string, InfraObject>;
  /** Identity and order of the lists inside objects. */
  rules: Partial<ListRules>;
  /** A difference at `path` of an object of `kind`. */
  weigh(kind: string, path: string): Weight;
  /** An object only one side has. */
  weighMissing(kind: string, side: "staging" | "production"): Weight;
  /** What the object-level noise is called in the note ("server-managed fields"). */
  noiseLabel: string;
  /** Judges one subject whole instead of field by field (packages: "a version staging never ran"). */
  compareObject?(subject: string, staging: InfraObject | undefined, production: InfraObject | undefined): Observation[];
}
