import { z } from "zod";
import { DEFAULT_SECRET_PATTERNS } from "../../src/redact.js";
import { keysOption, sequencesOption } from "../documents/options.js";
import { PRESETS } from "./types.js";

const perEnvironment = z.record(z.string().min(1), z.record(z.string().min(1), z.string()));

/** The infra probe's section of the map. */
export const infraOptions = {
  preset: z
    .enum(PRESETS)
    .describe("What the config source holds: kubernetes (kubectl get -o json, manifests), terraform (terraform show -json), helm (helm get values / helm list -o json), compose (docker compose config --format json), lockfile (package-lock.json, poetry.lock, requirements.txt, go.sum) or sbom (CycloneDX or SPDX JSON)"),
  ignore: z
    .array(z.string().min(1))
    .default([])
    .describe("Paths inside each object to leave out (`metadata.annotations.checksum/*`, `**.resourceVersion`; `*` within a key, `**` across keys); differences left out are still counted in the report's notes"),
  keys: keysOption,
  sequences: sequencesOption,
  equivalents: perEnvironment
    .default({})
    .describe("Values expected to differ by environment, declared once: shared value → its spelling per environment (`\"payments.example.com\": { staging: staging.payments.example.com }`)"),
  namespaces: perEnvironment
    .default({})
    .describe("kubernetes: namespaces that correspond, shared name → the namespace per environment (`payments: { staging: payments-staging }`)"),
  document: z.enum(["state", "plan"]).default("state").describe("terraform: whether the source is `terraform show -json` of the state or of a saved plan"),
  secrets: z
    .array(z.string().min(1))
    .default([...DEFAULT_SECRET_PATTERNS])
    .describe("Globs over keys (and env entry names) whose values are secret, compared by hash only (case-insensitive)"),
};
