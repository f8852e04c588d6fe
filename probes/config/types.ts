import type { z } from "zod";
import type { configSourceSchema } from "./target.js";

/** The config probe's options in the map (after zod defaults). */
export interface ConfigOptions {
  /** Globs over keys to leave out of the comparison (case-sensitive, `*` matches anything). */
  ignore: string[];
  /** Globs over keys whose values are secret (case-insensitive); stored and compared by hash only. */
  secrets: string[];
  /** Which field identifies the items of a list, by list path (JSON/YAML sources). */
  keys?: Record<string, string | string[]>;
  /** Paths of lists whose order matters; other lists of scalars compare as sets. */
  sequences?: string[];
}

/** One configuration value as stored in a snapshot. */
export interface ConfigValue {
  /** The value as text; null when the value is secret (only its hash is kept). */
  value: string | null;
  /** Keyed hash of the raw value (HMAC-SHA-256 under the snapshot's hashKey), hex, first 16 characters. */
  hash: string;
  /** The key matched a `secrets` glob when collected, or the value looked like a secret. */
  secret: boolean;
  /** The value looked like a credential (a JWT, an AKIA… key …) although its key is not a secret one. */
  detected?: true;
}

/** What `collect` returns for one environment; never contains a secret value. */
export interface ConfigSnapshot {
  /** Where the values came from, safe to print (passwords and header values left out). */
  source: string;
  /** Which key made the hashes (see src/secret-hash.ts); absent in snapshots older than keyed hashes. */
  hashKey?: string;
  /** Flattened keys (dotted for nested JSON/YAML, list items by identity: `env[DB_HOST].value`), sorted. */
  values: Record<string, ConfigValue>;
}

/** The environment's `config` section as the map schema outputs it. */
export type ConfigSource = z.infer<typeof configSourceSchema>;

/** Flat key → raw value text, before secrets are hashed. */
export type FlatConfig = Record<string, string>;
