import { targetKinds } from "../../probes/index.js";
import { Redactor } from "../redact.js";
import type { EnvironmentSpec, ParityMap } from "./schema.js";

/** Every target of an environment, unnamed and named, with its kind. */
export function* targetsOf(env: EnvironmentSpec) {
  for (const kind of targetKinds) {
    const unnamed = env[kind.section];
    if (unnamed && typeof unnamed === "object") yield { kind, name: "", section: unnamed as Record<string, unknown> };
    const named = env[kind.named];
    if (named && typeof named === "object") {
      for (const [name, section] of Object.entries(named as Record<string, Record<string, unknown>>)) yield { kind, name, section };
    }
  }
}

/** Every secret the map itself carries: DSN passwords and header values, of every target. */
export function redactorFor(map: ParityMap): Redactor {
  const redactor = new Redactor();
  for (const env of Object.values(map.environments)) {
    for (const { kind, section } of targetsOf(env)) kind.addSecrets(section, redactor);
  }
  return redactor;
}
