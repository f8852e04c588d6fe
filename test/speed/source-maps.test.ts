import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../cli/run-cli.js";

// The built CLI is a bundle; an internal error's stack must still point at the TypeScript the
// team reads (src/, probes/), not at dist/bundle/chunks/chunk-X.js:1:23456.
const breakStdout = pathToFileURL(path.join(import.meta.dirname, "fixtures/break-stdout.mjs")).href;

describe("an internal error in the built CLI", () => {
  it("prints a stack whose frames point at src/, with lines, and none into the bundle", async () => {
    const result = await runCli(["map", "validate", "parity-map.example.yaml"], { cwd: repoRoot, env: { NODE_OPTIONS: `--import=${breakStdout}` } });
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(/internal error — this is a bug/);
    expect(result.stderr).toContain("planted: stdout refuses every write");
    expect(result.stderr).toMatch(new RegExp(`at (Module\\.)?validateCommand \\(${path.join(repoRoot, "src/cli/commands/map-validate.ts")}:\\d+:\\d+\\)`));
    // `map validate FILE` starts from main.ts without the command line library (program.ts).
    expect(result.stderr).toMatch(/src\/cli\/main\.ts:\d+:\d+/);
    expect(result.stderr).not.toMatch(/dist\/bundle/);
  });

  it("maps the same frames when the chunks are compiled from the code cache", async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "parity-source-maps-"));
    try {
      const env = { NODE_OPTIONS: `--import=${breakStdout}`, PARITY_CODE_CACHE_DIR: cacheDir };
      const first = await runCli(["map", "validate", "parity-map.example.yaml"], { cwd: repoRoot, env });
      const cached = await runCli(["map", "validate", "parity-map.example.yaml"], { cwd: repoRoot, env });
      expect((await readdir(cacheDir, { recursive: true })).some((f) => String(f).endsWith(".cache"))).toBe(true);
      expect(cached.code).toBe(70);
      expect(cached.stderr).toBe(first.stderr);
      expect(cached.stderr).toMatch(new RegExp(`at (Module\\.)?validateCommand \\(${path.join(repoRoot, "src/cli/commands/map-validate.ts")}:\\d+:\\d+\\)`));
      expect(cached.stderr).not.toMatch(/dist\/bundle/);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
