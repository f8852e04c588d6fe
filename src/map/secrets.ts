import { targetKinds } from "../../probes/index.js";
import { Redactor } from "../redact.js";
import type { Substitution } from "./interpolate.js";
import type { KeyPath } from "./positions.js";
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

// The values the loader substituted into secret places, per loaded map. Kept beside the map
// rather than in it so the map stays exactly what the schema describes.
const substituted = new WeakMap<ParityMap, string[]>();

/** A word of a key that names a credential (`api_key`, `clientSecret`, `password`). */
const CREDENTIAL_WORDS = new Set(["pass", "password", "passwd", "pwd", "secret", "token", "key", "apikey", "auth", "authorization", "credential", "credentials", "private", "cookie", "sig", "signature", "session"]);

const words = (key: string): string[] => key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/);

/** A lower-case word or kebab/snake name (a namespace, a context, an environment): not a credential. */
const PLAIN_NAME = /^[a-z]+(?:[-_.][a-z]+)*$/;

/**
 * Which substituted values are secrets: every one in a header (tokens travel there), a config
 * command (`curl -u svc:${PW}`, `--secret-access-key ${KEY}`) or a raw request body, and in
 * query parameters and JSON bodies those under a key that names a credential (`api_key`).
 * URL passwords are found by `urlSecrets` from the whole URL.
 */
function isSecretPlace(path: KeyPath): boolean {
  const last = path[path.length - 1];
  if (path.includes("headers") || last === "command" || last === "body") return true;
  const inRequestData = path.includes("query") || path.includes("json");
  return inRequestData && path.some((p) => typeof p === "string" && words(p).some((w) => CREDENTIAL_WORDS.has(w)));
}

/** Called by the loader with every `${VAR}` it replaced in a valid map. */
export function rememberSubstitutions(map: ParityMap, substitutions: readonly Substitution[]): void {
  const names = mapNames(map);
  const values = substitutions
    .filter((s) => isSecretPlace(s.path))
    // A plain lower-case name in a command (`--namespace ${NS}`) is left alone, like the map's
    // own names: scrubbing "payments" or "staging" from every report would hide the report itself.
    .filter((s) => !names.has(s.value) && !(s.path[s.path.length - 1] === "command" && PLAIN_NAME.test(s.value)))
    .map((s) => s.value);
  substituted.set(map, values);
}

/** Names the map itself gives (environments, pairs, probes, the service): never scrubbed as secrets. */
function mapNames(map: ParityMap): Set<string> {
  return new Set<string>([
    map.service,
    ...Object.keys(map.environments),
    ...map.pairs.flatMap((p) => [p.name, p.staging, p.production].filter((n): n is string => Boolean(n))),
    ...(map.probes as Array<{ id: string }>).map((p) => p.id),
  ]);
}

/** Every secret the map itself carries: DSN passwords, header values and secrets substituted from variables. */
export function redactorFor(map: ParityMap): Redactor {
  const redactor = new Redactor();
  for (const env of Object.values(map.environments)) {
    for (const { kind, section } of targetsOf(env)) kind.addSecrets(section, redactor);
  }
  redactor.add(...(substituted.get(map) ?? []));
  redactor.keep(...mapNames(map));
  return redactor;
}
