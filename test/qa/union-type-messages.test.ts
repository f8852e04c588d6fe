import { describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const map = `version: 1
service: s
environments:
  staging: { http: { baseUrl: "http://127.0.0.1:1" } }
  production: { http: { baseUrl: "http://127.0.0.1:2" } }
pairs:
  - { staging: staging, production: production }
probes:
  - id: st
    kind: status
    requests:
      - { path: /a, expect: "200" }
      - { path: /b, expect: [200, "x"] }
      - { path: /c, query: { a: { b: 1 } } }
`;

describe("map validate on a key that takes one of several types", () => {
  it("names the types that fit, or the element that did not, instead of zod's 'Invalid input'", async () => {
    const dir = await tempFolder("parity-qa-union-");
    await writeFile(path.join(dir, "parity-map.yaml"), map);
    const result = await runCli(["map", "validate"], { cwd: dir });
    expect(result.code).toBe(2);
    const out = result.stdout + result.stderr;
    expect(out).not.toContain("Invalid input");
    expect(out).toContain('parity-map.yaml:12:29  probes[0].requests[0].expect  expected a number or a list, got string "200"');
    expect(out).toContain('parity-map.yaml:13:35  probes[0].requests[1].expect[1]  expected a number, got string "x"');
    expect(out).toContain("probes[0].requests[2].query.a  expected a string or a number or true or false or a list, got a mapping");
  });
});
