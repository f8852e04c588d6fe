import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

// A DSN typed without its "postgres://" parses as a URL whose scheme is the user name and
// whose password sits in an opaque path: the error must still hide the password.
const map = `version: 1
service: qa
environments:
  staging: { database: { url: "\${S_DB}" } }
  production: { database: { url: "\${P_DB}" } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: db-schema, kind: schema }
`;

describe("a mistyped database URL", () => {
  it("is a clear probe error that never shows the password", async () => {
    const dir = await tempFolder("parity-qa-dsn-");
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    const env = { S_DB: "app:qa-secret-one-1@127.0.0.1:5432/app", P_DB: "not a url" };
    const result = await runCli(["audit", "--format", "json", "--no-history"], { cwd: dir, env });
    expect(result.code).toBe(3);
    expect(result.stdout + result.stderr).not.toContain("qa-secret-one-1");
    const message: string = JSON.parse(result.stdout).pairs[0].findings[0].message;
    expect(message).toContain('unsupported database URL scheme "app:" in app:«redacted»@127.0.0.1:5432/app');
    expect(message).toContain("database URL without a scheme in not a url");
  });
});
