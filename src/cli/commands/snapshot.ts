import path from "node:path";
import { UsageError } from "../../errors.js";
import type { ProbeEntry } from "../../map/schema.js";
import { resolveTarget } from "../../map/resolve-target.js";
import { redactorFor } from "../../map/secrets.js";
import { HASH_KEY_VARIABLE } from "../../secret-hash.js";
import { addSecretsFound } from "../../secret-scan.js";
import { loadValidMap } from "../../pipeline.js";
import { probeKind } from "../../../probes/index.js";
import { collectSide } from "../../run/collect-side.js";
import { environment } from "../../run/plan.js";
import { SharedResources } from "../../run/shared-resources.js";
import type { SnapshotFile } from "../../run/snapshot-file.js";
import type { JsonValue } from "../../types.js";
import { emit } from "../output.js";
import { parityVersion } from "../version.js";

export interface SnapshotOptions {
  env: string;
  map: string;
  probe?: string[];
  out?: string;
}

/**
 * Collects one environment's side into a file (one entry per probe) that another map can
 * point at with `database: { snapshot: FILE }` (or http/config), so production can be
 * collected once by whoever holds the credentials.
 */
export async function snapshotCommand(options: SnapshotOptions): Promise<number> {
  const loaded = await loadValidMap(path.resolve(options.map));
  const map = loaded.map;
  if (!map.environments[options.env]) {
    throw new UsageError(`no environment is named "${options.env}" (environments: ${Object.keys(map.environments).join(", ")})`);
  }
  const entries = (map.probes as ProbeEntry[]).filter((e) => !options.probe || options.probe.includes(e.id));
  const unknown = (options.probe ?? []).filter((id) => !map.probes.some((p) => p.id === id));
  if (unknown.length) throw new UsageError(`no probe has the id ${unknown.join(", ")} (probes: ${map.probes.map((p) => p.id).join(", ")})`);
  const env = environment(map, options.env);
  const redactor = redactorFor(map);
  const file: SnapshotFile = {
    format: "parity-snapshot",
    version: 1,
    service: map.service,
    environment: options.env,
    collectedAt: new Date().toISOString(),
    parityVersion: parityVersion(),
    probes: {},
  };
  const shared = new SharedResources();
  let failed = 0;
  try {
    for (const entry of entries) {
      const probe = probeKind(entry.kind)!;
      if (!probe.target) {
        if (options.probe) process.stderr.write(`parity: ${entry.id} (${entry.kind}) reads files, not a live target; nothing to snapshot\n`);
        continue;
      }
      // A probe whose target this environment lacks has nothing to collect here.
      if (!resolveTarget(env, options.env, probe.target, entry[probe.target.probeKey] as string | undefined).ok) continue;
      try {
        const { data } = await collectSide(probe, entry, env, "production", {
          mapDir: loaded.dir,
          signal: new AbortController().signal,
          shared: (target) => shared.forEnvironment(options.env, target),
        });
        file.probes[entry.id] = { kind: entry.kind, data: data as JsonValue };
        process.stderr.write(`parity: collected ${entry.id} (${entry.kind}) from ${options.env}\n`);
      } catch (error) {
        failed++;
        process.stderr.write(`parity: ${entry.id} (${entry.kind}) failed: ${redactor.scrub((error as Error).message)}\n`);
      }
    }
  } finally {
    await shared.closeAll();
  }
  if (!Object.keys(file.probes).length && !failed) throw new UsageError(`no probe in the map can snapshot environment "${options.env}"`);
  await addSecretsFound(redactor, file);
  if (!process.env[HASH_KEY_VARIABLE]) {
    process.stderr.write(`parity: ${HASH_KEY_VARIABLE} is not set: secret values and masked categories in this snapshot are hashed with a throw-away key, so an audit cannot compare them with the other side (set ${HASH_KEY_VARIABLE} to the same value wherever each side is collected)\n`);
  }
  await emit(JSON.stringify(redactor.scrubValue(file), null, 2), options.out);
  return failed ? 3 : 0;
}
