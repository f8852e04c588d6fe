import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";

const map = path.join(import.meta.dirname, "fixtures/where-map/parity-map.yaml");

describe("parity map validate refuses a dangerous where at its line", () => {
  it("names file, line, column, key path and the reason; the safe one passes; exit 2", async () => {
    const { code, stdout, stderr } = await runCli(["map", "validate", map]);
    expect(code).toBe(2);
    const lines = (stdout + stderr).split("\n").filter((l) => l.includes("].where "));
    expect(lines).toEqual([
      expect.stringMatching(/parity-map\.yaml:14:16 +probes\[0\]\.tables\[0\]\.where .*not a condition parity can read: unexpected "\)" at character 4/),
      expect.stringMatching(/parity-map\.yaml:16:16 +probes\[0\]\.tables\[1\]\.where .*LOCK IN SHARE MODE is not allowed: it takes locks that block the target's own writes/),
      expect.stringMatching(/parity-map\.yaml:18:16 +probes\[0\]\.tables\[2\]\.where .*INTO OUTFILE is not allowed: it would make the server write a file/),
      expect.stringMatching(/parity-map\.yaml:20:16 +probes\[0\]\.tables\[3\]\.where .*the function dblink_exec\(\) is not allowed/),
    ]);
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(stdout + stderr).toMatch(/^4 problems in /m);
  });
});
