/**
 * A piece of the embedded demo: something the demo starts in-process (a PostgreSQL pair on
 * PGlite, HTTP services, config files, evidence files) so the example map has real targets.
 */
export interface DemoPart {
  /** Environment variables the example map reads (e.g. STAGING_DB_URL) pointing at this part. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Starts a part; `workDir` is a fresh temporary folder the part may write files into. */
export type StartDemoPart = (workDir: string) => Promise<DemoPart>;
