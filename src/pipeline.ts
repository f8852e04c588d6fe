import { assess } from "./assess/assess.js";
import { MapError } from "./errors.js";
import { loadMap, type LoadedMap } from "./map/load.js";
import type { ParityMap } from "./map/schema.js";
import { redactorFor } from "./map/secrets.js";
import type { Redactor } from "./redact.js";
import { plan } from "./run/plan.js";
import { addSecretsFound } from "./secret-scan.js";
import { runAudit, type PairResult, type ProgressEvent } from "./run/run-audit.js";
import type { Audit, FailOn } from "./types.js";
import type { LoadAllowance } from "./probe.js";

export interface PipelineOptions {
  mapFile: string;
  pair?: string;
  probes?: string[];
  env?: NodeJS.ProcessEnv;
  now?: Date;
  concurrency?: number;
  signal?: AbortSignal;
  /** `--allow-load`: every environment's HTTP caps for this audit (beyond the map's bounds). */
  allowLoad?: LoadAllowance;
  version: string;
  /** The `--fail-on` level the verdict is computed at (default: `default`). */
  failOn?: FailOn;
  onProgress?: (event: ProgressEvent) => void;
}

export interface PipelineResult {
  audit: Audit;
  loaded: LoadedMap;
  map: ParityMap;
  results: PairResult[];
  redactor: Redactor;
}

/** Loads a map or throws a MapError carrying every problem found. */
export async function loadValidMap(mapFile: string, options: { env?: NodeJS.ProcessEnv; today?: Date } = {}): Promise<LoadedMap & { map: ParityMap }> {
  const loaded = await loadMap(mapFile, options);
  if (!loaded.map) throw new MapError(`${loaded.file} has problems`, loaded.problems);
  return loaded as LoadedMap & { map: ParityMap };
}

/** map → plan → run → assess: the whole audit, with secrets scrubbed from the result. */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const now = options.now ?? new Date();
  const loaded = await loadValidMap(options.mapFile, { env: options.env, today: now });
  const map = loaded.map;
  const redactor = redactorFor(map);
  const pairs = plan(map, { pair: options.pair, probes: options.probes });
  const results = await runAudit(pairs, {
    map,
    mapDir: loaded.dir,
    redactor,
    concurrency: options.concurrency,
    signal: options.signal,
    allowLoad: options.allowLoad,
    now,
    onProgress: options.onProgress,
  });
  const assessed = assess({ map, loaded, results, now, version: options.version, gate: options.failOn });
  // Secrets the map does not know (a token in a failure message, an echoed header) by their look.
  await addSecretsFound(redactor, assessed);
  const audit = redactor.scrubValue(assessed);
  return { audit, loaded, map, results, redactor };
}
