import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoFlags } from "../../src/demo/flag-files.js";
import type { DemoPart } from "../../src/demo/part.js";
import { collect, compare, summary } from "./helpers.js";

let dir: string;
let demo: DemoPart;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "parity-demo-flags-"));
  demo = await startDemoFlags(dir);
});
afterAll(async () => {
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("demo: the flag files", () => {
  it("are flagd files telling the example's story, read as the example map reads them", async () => {
    const options = { productionImpliesStaging: true };
    const [s, p] = await Promise.all([collect({ file: demo.env.STAGING_FLAGS_FILE! }, options), collect({ file: demo.env.PRODUCTION_FLAGS_FILE! }, options, "production")]);
    expect(s.flagFormat).toBe("flagd");
    expect(summary(compare(s, p, options))).toEqual({
      "bureau-v2 rules": "medium",
      "strict-fraud-check enabled": "high",
      "flags on in staging only expected": "low (measurement)",
    });
  });
});
