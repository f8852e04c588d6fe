import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Log, Result } from "sarif";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * The SARIF validator Microsoft ships in `@microsoft/sarif-multitool` (a self-contained .NET
 * binary: on Linux it needs ICU, Debian's libicu72, which `.ci/run` installs where missing).
 * It checks the JSON schema and its own rule set; what it reports comes back as SARIF too.
 */
export async function validateSarif(text: string): Promise<Result[]> {
  return (await validateSarifFiles({ log: text })).get("log")!;
}

/** Several logs in one run of the validator (it takes a few seconds to start): its findings by name. */
export async function validateSarifFiles(logs: Record<string, string>): Promise<Map<string, Result[]>> {
  const binary = require("@microsoft/sarif-multitool") as string;
  const dir = await mkdtemp(path.join(os.tmpdir(), "parity-sarif-"));
  try {
    const names = Object.keys(logs);
    for (const name of names) await writeFile(path.join(dir, `${name}.sarif`), logs[name]!);
    const output = path.join(dir, "validation.json");
    await run(binary, ["validate", ...names.map((n) => path.join(dir, `${n}.sarif`)), "--output", output, "--quiet"], { timeout: 120_000 });
    const log = JSON.parse(await readFile(output, "utf8")) as Log;
    const notifications = log.runs.flatMap((r) => r.invocations ?? []).flatMap((i) => i.toolExecutionNotifications ?? []);
    if (notifications.some((n) => n.level === "error")) throw new Error(`the validator failed: ${notifications.map((n) => n.message.text).join("; ")}`);
    const results = log.runs.flatMap((r) => r.results ?? []);
    const fileOf = (r: Result) => path.basename(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "", ".sarif");
    return new Map(names.map((n) => [n, results.filter((r) => fileOf(r) === n)]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The OASIS SARIF 2.1.0 schema the multitool package ships, checked by ajv. Needed beside the
 * multitool: measured here, `validate` 5.7.0 reports nothing at all for a log whose result has
 * `level: "fatal"` (it flags a missing required property, but an enum violation passes silently).
 */
export function schemaProblems(log: unknown): string[] {
  const schemaFile = path.join(path.dirname(require("@microsoft/sarif-multitool") as string), "sarif-2.1.0.json");
  const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
