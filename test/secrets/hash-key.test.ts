import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, createHmac } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { pgCreateDatabase, pgDropDatabase, pgUrl, uniqueName } from "../schema/helpers.js";
import { folder } from "./outputs.js";

// A snapshot file is meant to be handed over. On the code this started from it kept unsalted
// SHA-256 prefixes: a 4-digit secret came back in 6 ms, 30 of 30 masked 4-digit categories in
// ≤ 14 ms each. Now the hashes are HMACs under PARITY_HASH_KEY (or a throw-away key).
const PIN = { staging: "4821", production: "7305" };
const CODES = Array.from({ length: 30 }, (_, i) => String(1000 + ((i * 7919) % 9000)));
const KEY = "team-hash-key-0b7e4c2a9f18d3e6";
const stagingDb = uniqueName("parity_hash_stg");
const productionDb = uniqueName("parity_hash_prd");
const table = (codes: string[]) => `CREATE TABLE accounts (id serial PRIMARY KEY, branch text NOT NULL); INSERT INTO accounts (branch) SELECT c FROM unnest(ARRAY[${codes.map((c) => `'${c}'`).join(",")}]) c, generate_series(1, 20);`;
const map = (production: string) => `version: 1
service: hashes
environments:
  staging:
    config: { file: staging.env }
    database: { url: "${pgUrl(stagingDb)}" }
  production:
${production}
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config }
  - { id: branches, kind: data, tables: [{ name: public.accounts, columns: [branch] }] }
`;
const live = `    config: { file: production.env }\n    database: { url: "${pgUrl(productionDb)}" }`;
const fromSnapshot = `    config: { snapshot: production.snapshot.json }\n    database: { snapshot: production.snapshot.json }`;
let dir: string;

beforeAll(async () => {
  await Promise.all([pgCreateDatabase(stagingDb, table(CODES)), pgCreateDatabase(productionDb, table(CODES))]);
  dir = await folder({ "staging.env": `PIN_SECRET=${PIN.staging}\n`, "production.env": `PIN_SECRET=${PIN.production}\n`, "parity-map.yaml": map(live) });
}, 60_000);

afterAll(async () => {
  await Promise.all([pgDropDatabase(stagingDb), pgDropDatabase(productionDb)]);
});

/** Every hex string in a snapshot file: the hashes an attacker holding the file would attack. */
function hashesIn(snapshot: string): Set<string> {
  return new Set(snapshot.match(/\b[0-9a-f]{12,16}\b/g) ?? []);
}

/** Tries all 10,000 four-digit values under the given hash functions; returns the ones found. */
function bruteForce(hashes: Set<string>, functions: Array<(v: string) => string>): string[] {
  const found: string[] = [];
  for (let n = 0; n < 10_000; n++) {
    const v = String(n).padStart(4, "0");
    if (functions.some((f) => hashes.has(f(v)) || hashes.has(f(v).slice(0, 12)))) found.push(v);
  }
  return found;
}

const plain = [(v: string) => createHash("sha256").update(v).digest("hex").slice(0, 16), (v: string) => createHmac("sha256", "").update(v).digest("hex").slice(0, 16)];

async function snapshot(env: NodeJS.ProcessEnv): Promise<{ text: string; stderr: string }> {
  const result = await runCli(["snapshot", "--env", "production", "--out", path.join(dir, "production.snapshot.json")], { cwd: dir, env });
  expect(result.code, result.stderr).toBe(0);
  const { readFile } = await import("node:fs/promises");
  return { text: await readFile(path.join(dir, "production.snapshot.json"), "utf8"), stderr: result.stderr };
}

async function auditAgainstSnapshot(env: NodeJS.ProcessEnv): Promise<{ findings: Array<{ subject: string; aspect: string; message: string; kind: string; declared?: boolean }> }> {
  await writeFile(path.join(dir, "against-snapshot.yaml"), map(fromSnapshot));
  const result = await runCli(["audit", "--map", "against-snapshot.yaml", "--format", "json", "--no-history"], { cwd: dir, env });
  return { findings: JSON.parse(result.stdout).pairs[0].findings };
}

describe("snapshot hashes are keyed", () => {
  it("a 4-digit secret and 30 masked 4-digit categories cannot be recovered from a snapshot file", async () => {
    const { text, stderr } = await snapshot({ PARITY_HASH_KEY: "" });
    expect(text).toContain('"PIN_SECRET"');
    expect(text).not.toContain(PIN.production);
    const hashes = hashesIn(text);
    // 1 config hash + 30 category hashes at least: the attack has material to work on.
    expect(hashes.size).toBeGreaterThanOrEqual(31);
    expect(bruteForce(hashes, plain)).toEqual([]);
    expect(stderr).toContain("PARITY_HASH_KEY is not set: secret values and masked categories in this snapshot are hashed with a throw-away key");
  });

  it("with the key, the same brute force finds all of them (so the attack above was a real one)", async () => {
    const { text } = await snapshot({ PARITY_HASH_KEY: KEY });
    const keyed = (v: string) => createHmac("sha256", KEY).update(v).digest("hex").slice(0, 16);
    expect(bruteForce(hashesIn(text), [keyed]).sort()).toEqual([PIN.production, ...CODES].sort());
    expect(bruteForce(hashesIn(text), plain)).toEqual([]);
  });

  it("with the same key on both sides, a snapshot compares like a live target", async () => {
    await snapshot({ PARITY_HASH_KEY: KEY });
    const { findings } = await auditAgainstSnapshot({ PARITY_HASH_KEY: KEY });
    const gaps = findings.filter((f) => f.kind === "gap");
    expect(gaps.map((f) => `${f.subject} ${f.aspect}: ${f.message}`)).toEqual(["PIN_SECRET value: PIN_SECRET differs (secret, compared by hash)"]);
    expect(findings.some((f) => f.aspect === "hash-key")).toBe(false);
  });

  it("without it, the audit says the hashes cannot be compared instead of reporting false differences", async () => {
    await snapshot({ PARITY_HASH_KEY: "" });
    const { findings } = await auditAgainstSnapshot({ PARITY_HASH_KEY: "" });
    expect(findings.filter((f) => f.kind === "gap")).toEqual([]);
    const notes = findings.filter((f) => f.aspect === "hash-key").map((f) => f.message);
    expect(notes).toEqual([
      expect.stringMatching(/^1 secret value was not compared \(PIN_SECRET\): staging and production were hashed with different keys \(PARITY_HASH_KEY was not set when one side, a snapshot file, was collected\); set PARITY_HASH_KEY/),
      expect.stringMatching(/^the masked values of public\.accounts\.branch were not compared: staging and production were hashed with different keys/),
    ]);
  });
});
