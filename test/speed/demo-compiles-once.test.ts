import { spawn } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../cli/run-cli.js";

// `npm ci` builds the CLI once (the `prepare` script); `npm run demo` must run that build, not
// compile again (it used to run tsc a second time: half of the newcomer's first wait).

/** Every file under dist/ with its modification time. */
async function builtFiles(dir = path.join(repoRoot, "dist")): Promise<Map<string, number>> {
  const files = new Map<string, number>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(file, (await stat(file)).mtimeMs);
  }
  return files;
}

function npmRun(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run demo", () => {
  it("runs the CLI that npm ci built, writing nothing under dist/", async () => {
    const before = await builtFiles();
    expect(before.size).toBeGreaterThan(0);
    // `demo --help` goes through the same script line as the demo, without starting the targets.
    const result = await npmRun(["demo", "--", "--help"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Usage: parity demo/);
    const after = await builtFiles();
    const rewritten = [...after].filter(([file, mtime]) => before.get(file) !== mtime).map(([file]) => path.relative(repoRoot, file));
    expect(rewritten).toEqual([]);
  });
});
