export const FLAGS_SNAPSHOT_FORMAT = "parity-flags";
export const FLAGS_SNAPSHOT_VERSION = 1;

export const FLAG_FORMATS = ["flagd", "unleash", "launchdarkly", "plain"] as const;
/** A feature-flag document format the probe reads. */
export type FlagFormat = (typeof FLAG_FORMATS)[number];

/** The flags probe's options in the map (after zod defaults). */
export interface FlagsOptions {
  format?: FlagFormat;
  /** A flag on in production must be on in staging; on in staging only is expected. */
  productionImpliesStaging: boolean;
  /** The tool's environment (Unleash, LaunchDarkly) each parity environment reads, by parity environment name. */
  environments?: Record<string, string>;
  /** Globs over flag keys to leave out. */
  ignore: string[];
}

/** One flag's state in one environment, in terms every format shares. */
export interface FlagState {
  /** Whether the flag is on (flagd ENABLED, Unleash enabled, LaunchDarkly on). */
  enabled: boolean;
  /** The variant served when no targeting rule applies; null when the format has none. */
  defaultVariant: string | null;
  /** Variant name → its value as JSON text (a long value as its length and hash). */
  variants: Record<string, string>;
  /** Hash of the targeting rules (canonical JSON, ids and timestamps left out); null without rules. */
  rules: string | null;
}

/** One side: every flag of the document. */
export interface FlagsSnapshot {
  format: typeof FLAGS_SNAPSHOT_FORMAT;
  version: typeof FLAGS_SNAPSHOT_VERSION;
  collectedAt: string;
  /** Where the document came from, safe to print. */
  source: string;
  /** The document's format, as given or detected. */
  flagFormat: FlagFormat;
  /** The tool's environment read (Unleash, LaunchDarkly), when the document holds several. */
  environment?: string;
  flags: Record<string, FlagState>;
}
