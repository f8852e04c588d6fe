export const CACHE_SNAPSHOT_FORMAT = "parity-cache";
export const CACHE_SNAPSHOT_VERSION = 1;

/** The cache probe's options in the map (after zod defaults). */
export interface CacheOptions {
  /** Globs over setting names to leave out (e.g. `lfu-*`). */
  ignore: string[];
}

/** What the server says it is. */
export interface CacheServer {
  /** redis, valkey, dragonfly … (from INFO's server_name, else redis). */
  software: string;
  version: string;
  /** standalone, cluster or sentinel. */
  mode: string;
  /** master or slave/replica, as INFO reports it. */
  role: string;
}

/** One side of the cache probe: how the server is set up. Never holds a key, a value or a password. */
export interface CacheSnapshot {
  format: typeof CACHE_SNAPSHOT_FORMAT;
  version: typeof CACHE_SNAPSHOT_VERSION;
  collectedAt: string;
  server: CacheServer;
  /** Where `settings` came from: CONFIG GET, or INFO where CONFIG cannot be used. */
  settingsFrom: "config" | "info";
  /** Why CONFIG GET could not be used (disabled, renamed, not permitted), when settingsFrom is "info". */
  configProblem?: string;
  /** Setting name (CONFIG's spelling) → value; host-specific settings and secrets left out. */
  settings: Record<string, string>;
  /** Loaded modules: name → version. */
  modules: Record<string, string>;
  /**
   * Of the commands parity looks for, those the server does not know (renamed, disabled, or not
   * in this version); null when COMMAND itself could not be used.
   */
  missingCommands: string[] | null;
  /** Commands this collection sent, AUTH included. */
  commands: number;
}
