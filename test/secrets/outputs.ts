import { expect } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

export const FORMATS = ["terminal", "markdown", "json", "junit", "html"] as const;

/** A fresh folder holding these files (name → text). */
export async function folder(files: Record<string, string>): Promise<string> {
  const dir = await tempFolder("parity-secrets-");
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

/**
 * Everything a user can get out of parity for this map: the report in every format, the
 * checklist, the saved history, a snapshot of each environment (stdout and stderr of each),
 * `map suggest` and the map after `map suggest --write`.
 */
export async function everyOutput(dir: string, env: NodeJS.ProcessEnv, environments: string[] = ["staging", "production"]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const format of FORMATS) {
    const file = path.join(dir, `report-${format}`);
    const result = await runCli(["audit", "--format", format, "--out", file], { cwd: dir, env });
    expect(result.stderr).not.toMatch(/internal error/);
    out[`${format} report`] = await readFile(file, "utf8");
    out[`${format} stderr`] = result.stdout + result.stderr;
  }
  const checklist = await runCli(["checklist"], { cwd: dir, env });
  out.checklist = checklist.stdout + checklist.stderr;
  for (const name of environments) {
    const snapshot = await runCli(["snapshot", "--env", name], { cwd: dir, env });
    out[`${name} snapshot`] = snapshot.stdout + snapshot.stderr;
  }
  const suggest = await runCli(["map", "suggest"], { cwd: dir, env });
  out.suggest = suggest.stdout + suggest.stderr;
  const write = await runCli(["map", "suggest", "--write"], { cwd: dir, env });
  out["suggest --write"] = write.stdout + write.stderr;
  out["map after suggest --write"] = await readFile(path.join(dir, "parity-map.yaml"), "utf8");
  return out;
}

/** Asserts no output carries any of the secrets (in any case). */
export function expectNone(outputs: Record<string, string>, secrets: string[]): void {
  for (const [label, text] of Object.entries(outputs)) {
    for (const secret of secrets) expect(text.toLowerCase().includes(secret.toLowerCase()), `${label} contains ${secret.slice(0, 24)}…`).toBe(false);
  }
}
