import { ProbeError } from "../../../src/errors.js";
import { isRecord } from "../../documents/lists.js";
import { protectSecrets } from "../../documents/secrets.js";
import { describeFound, readDocuments } from "../read-documents.js";
import type { InfraObject } from "../types.js";
import type { Preset, Weight } from "./preset.js";

const SECTIONS: Array<[section: string, kind: string]> = [
  ["services", "service"],
  ["networks", "network"],
  ["volumes", "volume"],
  ["secrets", "secret"],
  ["configs", "config"],
];

/**
 * Docker Compose: the canonical model `docker compose config --format json` prints (every
 * service with its image, environment as a mapping, ports and volumes in long form). Objects
 * are `service/NAME`, `network/NAME` … and `project` (its name).
 */
export const composePreset: Preset = {
  name: "compose",
  noiseLabel: "project name",
  rules: {
    keys: { "**.ports": ["target", "protocol"], "**.volumes": "target" },
    sequences: ["**.command", "**.entrypoint", "**.healthcheck.test"],
  },
  extract(texts, ctx) {
    const docs = readDocuments(texts);
    if (docs.length !== 1) throw new ProbeError(`${docs[0]?.what ?? "the source"}: expected one \`docker compose config --format json\` document, found ${docs.length}`);
    const { value, what } = docs[0]!;
    if (!isRecord(value) || !isRecord(value.services)) {
      throw new ProbeError(`${what}: expected \`docker compose config --format json\` (an object with services), found ${describeFound(value)}`);
    }
    const objects: Record<string, InfraObject> = {};
    // The project name usually carries the environment's name: declare it in equivalents.
    if (typeof value.name === "string") objects.project = { kind: "project", value: { name: value.name } };
    for (const [section, kind] of SECTIONS) {
      const entries = value[section];
      if (!isRecord(entries)) continue;
      for (const [name, spec] of Object.entries(entries)) {
        objects[`${kind}/${name}`] = { kind, value: protectSecrets(structuredClone(spec ?? {}), ctx.options.secrets) as InfraObject["value"] };
      }
    }
    return objects;
  },
  weigh(kind, path): Weight {
    if (kind !== "service") return { severity: "low" };
    if (/^image$/.test(path)) return { severity: "high", dimension: "test-reliability" };
    if (/^(privileged|cap_add|cap_drop|user|read_only|security_opt|network_mode|pid)/.test(path)) return { severity: "high", dimension: "security" };
    if (/^environment/.test(path)) return { severity: "medium", dimension: "test-reliability" };
    if (/^(deploy|mem_limit|cpus|cpu_|mem_|scale)/.test(path)) return { severity: "medium", dimension: "deployment-friction" };
    if (/^(healthcheck|ports|depends_on|volumes|command|entrypoint)/.test(path)) return { severity: "medium" };
    return { severity: "low" };
  },
  weighMissing(kind, side) {
    return kind === "service" ? { severity: side === "staging" ? "high" : "medium", dimension: "test-reliability" } : { severity: "low" };
  },
};
