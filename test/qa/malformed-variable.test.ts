import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const map = `version: 1
service: qa
environments:
  staging: { http: { baseUrl: "\${STAGING_URL", headers: { Authorization: "Bearer \${API-TOKEN}" } } }
  production: { http: { baseUrl: "http://127.0.0.1:1/$\${literal}" } }
pairs:
  - { staging: staging, production: production }
`;

describe("a ${ that starts no variable reference", () => {
  it("is a map error at the value, not a literal sent to the target", async () => {
    const dir = await tempFolder("parity-qa-var-");
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.split("\n").filter((l) => l.startsWith("parity-map.yaml:"));
    expect(lines).toEqual([
      'parity-map.yaml:4:31  environments.staging.http.baseUrl  "${STAGING_URL" is not a variable reference: write ${NAME} (letters, digits, _) or ${NAME:-default}, and $${ for a literal "${"',
      'parity-map.yaml:4:74  environments.staging.http.headers.Authorization  "${API-TOKEN}" is not a variable reference: write ${NAME} (letters, digits, _) or ${NAME:-default}, and $${ for a literal "${"',
    ]);
  });
});
