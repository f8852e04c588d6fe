import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../cli/run-cli.js";
import { myCreateDatabase, myDropDatabase, myUrl, pgCreateDatabase, pgDropDatabase, pgUrl, uniqueName } from "../schema/helpers.js";

// Issue 13, goal 1: a command loads the drivers of the probes it runs and no others. Measured
// on the built CLI, the way a user runs it: the process records the files it loaded, and the
// build's metafile says which packages each bundled chunk holds (a package outside the bundle
// shows as its node_modules path).
const recorder = pathToFileURL(path.join(import.meta.dirname, "fixtures/record-loaded-packages.mjs")).href;
const DRIVERS = ["pg", "mysql2", "undici", "@electric-sql/pglite", "@electric-sql/pglite-socket"];

function packageOf(file: string): string | undefined {
  const inside = file.split("node_modules/").at(-1);
  if (inside === file || !inside) return undefined;
  const parts = inside.split("/");
  return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The packages in the files a process loaded: a node_modules file, or the inputs of a bundled chunk. */
async function packagesIn(files: string[]): Promise<string[]> {
  const meta = JSON.parse(await readFile(path.join(repoRoot, "dist/bundle-meta.json"), "utf8")) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const packages = new Set<string>();
  for (const file of files) {
    const output = meta.outputs[path.relative(repoRoot, file)];
    for (const input of output ? Object.keys(output.inputs) : [file]) {
      const name = packageOf(input);
      if (name) packages.add(name);
    }
  }
  return [...packages].sort();
}

let dir: string;
const pgDb = uniqueName("parity_lazy");
const myDb = uniqueName("parity_lazy");
let server: Server;
let configUrl: string;

async function loadedBy(args: string[], env: Record<string, string> = {}, cwd = dir): Promise<{ code: number | null; packages: string[]; stderr: string }> {
  const out = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.json`);
  const result = await runCli(args, { cwd, env: { ...env, NODE_OPTIONS: `--import=${recorder}`, PARITY_LOADED_FILES: out } });
  return { code: result.code, packages: await packagesIn(JSON.parse(await readFile(out, "utf8")) as string[]), stderr: result.stderr };
}

const map = (environments: string, probe: string) => `version: 1
service: lazy
environments:
${environments}
pairs:
  - { staging: staging, production: production }
probes:
  - ${probe}
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "parity-lazy-"));
  await Promise.all([
    pgCreateDatabase(pgDb, "CREATE TABLE t (id int PRIMARY KEY, name text)"),
    myCreateDatabase(myDb, "CREATE TABLE t (id int PRIMARY KEY, name text)"),
  ]);
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"RETRY_LIMIT": 3}'));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  configUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/config`;
  await writeFile(path.join(dir, "staging.env"), "RETRY_LIMIT=5\n");
  await writeFile(path.join(dir, "production.env"), "RETRY_LIMIT=3\n");
  const db = (v: string) => `  staging: { database: { url: "\${${v}}" } }\n  production: { database: { url: "\${${v}}" } }`;
  await writeFile(path.join(dir, "schema-pg.yaml"), map(db("PG_URL"), "{ id: db-schema, kind: schema }"));
  await writeFile(path.join(dir, "schema-my.yaml"), map(db("MY_URL"), "{ id: db-schema, kind: schema }"));
  await writeFile(path.join(dir, "config-files.yaml"), map("  staging: { config: { file: staging.env } }\n  production: { config: { file: production.env } }", "{ id: app-config, kind: config }"));
  await writeFile(path.join(dir, "config-url.yaml"), map(`  staging: { config: { file: staging.env } }\n  production: { config: { url: "${configUrl}" } }`, "{ id: app-config, kind: config }"));
});

afterAll(async () => {
  await Promise.allSettled([pgDropDatabase(pgDb), myDropDatabase(myDb), new Promise((resolve) => server?.close(resolve))]);
  await rm(dir, { recursive: true, force: true });
});

describe("the built CLI loads a driver only when a probe of this run needs it", () => {
  it.each(["--help", "--version", "map validate parity-map.example.yaml"])("parity %s loads no driver", async (command) => {
    const run = await loadedBy(command.split(" "), {}, repoRoot);
    expect(run.code).toBe(0);
    expect(run.packages.filter((p) => DRIVERS.includes(p))).toEqual([]);
  });

  it("a schema-only audit on PostgreSQL loads pg, and neither an HTTP library nor mysql2", async () => {
    const run = await loadedBy(["audit", "--map", "schema-pg.yaml", "--no-history"], { PG_URL: pgUrl(pgDb) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages).toContain("pg"); // the recorder sees drivers when they do load
    expect(run.packages).not.toContain("undici");
    expect(run.packages).not.toContain("mysql2");
  });

  it("a schema-only audit on MariaDB loads mysql2, and neither an HTTP library nor pg", async () => {
    const run = await loadedBy(["audit", "--map", "schema-my.yaml", "--no-history"], { MY_URL: myUrl(myDb) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.packages).toContain("mysql2");
    expect(run.packages).not.toContain("undici");
    expect(run.packages).not.toContain("pg");
  });

  it("a config-only audit of files loads no database driver and no HTTP library", async () => {
    const run = await loadedBy(["audit", "--map", "config-files.yaml", "--no-history"]);
    expect(run.code, run.stderr).toBe(1); // RETRY_LIMIT differs: an undeclared difference
    expect(run.packages.filter((p) => DRIVERS.includes(p))).toEqual([]);
  });

  it("a config-only audit reading a url loads undici for it, and no database driver", async () => {
    const run = await loadedBy(["audit", "--map", "config-url.yaml", "--no-history"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.packages).toContain("undici");
    expect(run.packages).not.toContain("pg");
    expect(run.packages).not.toContain("mysql2");
  });
});
