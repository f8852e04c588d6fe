import { writeFile } from "node:fs/promises";
import path from "node:path";
import { tempFolder } from "../support/temp-folder.js";

/** The smallest useful map: two environments read from dotenv files, one config probe. */
export const CONFIG_MAP = `version: 1
service: qa
environments:
  staging: { config: { file: staging.env } }
  production: { config: { file: production.env } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config }
`;

/** A fresh folder holding these files (name → text), for one test to run the CLI in. */
export async function scenario(files: Record<string, string>): Promise<string> {
  const dir = await tempFolder("parity-qa-");
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/** CONFIG_MAP (plus `extra` lines) with one key differing between the sides. */
export function configScenario(extra = "", staging = "RETRY_LIMIT=5\n", production = "RETRY_LIMIT=3\n"): Promise<string> {
  return scenario({ "parity-map.yaml": CONFIG_MAP + extra, "staging.env": staging, "production.env": production });
}
