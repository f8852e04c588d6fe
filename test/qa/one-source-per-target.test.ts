import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const map = `version: 1
service: qa
environments:
  staging:
    config: { file: staging.env, url: "http://127.0.0.1:1/config" }
    database: { url: "postgres://postgres@127.0.0.1:5432/postgres", snapshot: prod.json }
  production:
    config: { file: production.env }
    database: {}
    http: { maxConcurrency: 2 }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config }
`;

describe("an environment section naming two sources, or none", () => {
  it("is a map error at the key, not a probe failure at audit time", async () => {
    const dir = await tempFolder("parity-qa-sources-");
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    const validate = await runCli(["map", "validate"], { cwd: dir });
    expect(validate.code).toBe(2);
    const out = validate.stdout + validate.stderr;
    expect(out).toContain("parity-map.yaml:5:34  environments.staging.config.url  config takes exactly one of file, files, url, command, snapshot, but has file and url");
    expect(out).toContain("parity-map.yaml:6:69  environments.staging.database.snapshot  database takes exactly one of url, snapshot, but has url and snapshot");
    expect(out).toContain("parity-map.yaml:9:15  environments.production.database  database needs one of url, snapshot");
    expect(out).toContain("parity-map.yaml:10:11  environments.production.http  http needs one of baseUrl, snapshot");
    const audit = await runCli(["audit", "--no-history"], { cwd: dir });
    expect(audit.code).toBe(2);
  });
});
