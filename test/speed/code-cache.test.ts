import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { repoRoot, runCli } from "../cli/run-cli.js";

// Issue 13: the built CLI keeps V8's code cache of the chunks it ran (src/cli/code-cache.ts), so
// the next run skips compiling them. What a user must be able to rely on: the output never
// depends on the cache, a cache is only read from a folder nobody else can write to, a damaged
// cache is replaced, and PARITY_CODE_CACHE=off leaves no files behind.

const MAP = "parity-map.example.yaml";
let base: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), "parity-code-cache-"));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

// No Node options: with some, the caches go to a folder of their own (see the last test).
const validate = (env: Record<string, string>) => runCli(["map", "validate", MAP], { cwd: repoRoot, env: { NODE_OPTIONS: "", ...env } });

/** The one folder of caches under `base`, and its files with their sizes and modification times. */
async function caches(): Promise<{ dir: string; files: Map<string, { size: number; mtimeMs: number; mode: number }> }> {
  const [folder] = await readdir(base);
  const dir = path.join(base, folder!);
  const files = new Map<string, { size: number; mtimeMs: number; mode: number }>();
  for (const name of await readdir(dir)) {
    const s = await stat(path.join(dir, name));
    files.set(name, { size: s.size, mtimeMs: s.mtimeMs, mode: s.mode & 0o777 });
  }
  return { dir, files };
}

describe("the built CLI's code cache", () => {
  it("is written on the first run, private, one file per chunk the command loaded, and the output is the same without it", async () => {
    const off = await validate({ PARITY_CODE_CACHE: "off", PARITY_CODE_CACHE_DIR: base });
    expect(await readdir(base)).toEqual([]);
    const first = await validate({ PARITY_CODE_CACHE_DIR: base });
    expect(first).toEqual(off);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("is valid");

    const { dir, files } = await caches();
    // One folder per install, V8 version and set of Node options.
    expect(path.basename(dir)).toMatch(new RegExp(`^v8-${escaped(process.versions.v8)}-${process.arch}-[0-9a-f]{8}$`));
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    // map validate loads the map's chunks (yaml, zod, the probe schemas …), not the audit's.
    expect(files.size).toBeGreaterThan(10);
    expect([...files.keys()].some((f) => f.startsWith("map-validate-"))).toBe(true);
    expect([...files.keys()].some((f) => f.startsWith("program-"))).toBe(false);
    for (const [name, file] of files) {
      expect(name).toMatch(/^[\w-]+-[A-Z0-9]{8}-\d+-\d+\.cache$/);
      expect(file.mode).toBe(0o600);
    }
  });

  it("is off for PARITY_CODE_CACHE=0, false or no too, and writes nothing", async () => {
    for (const value of ["0", "false", "No"]) {
      const run = await validate({ PARITY_CODE_CACHE: value, PARITY_CODE_CACHE_DIR: base });
      expect(run.code).toBe(0);
    }
    expect(await readdir(base)).toEqual([]);
  });

  it("says so when PARITY_CODE_CACHE is neither off nor on, and stays on", async () => {
    const clean = await validate({ PARITY_CODE_CACHE_DIR: base });
    expect(clean.stderr).not.toContain("PARITY_CODE_CACHE");
    for (const value of ["on", "1", "Yes", "true"]) expect((await validate({ PARITY_CODE_CACHE: value, PARITY_CODE_CACHE_DIR: base })).stderr).toBe(clean.stderr);
    const typo = await validate({ PARITY_CODE_CACHE: "of", PARITY_CODE_CACHE_DIR: base });
    expect(typo.code).toBe(0);
    expect(typo.stdout).toBe(clean.stdout);
    expect(typo.stderr).toBe(`parity: PARITY_CODE_CACHE="of" is neither off (off, 0, false, no) nor on (on, 1, true, yes): the code cache stays on\n${clean.stderr}`);
    expect((await caches()).files.size).toBeGreaterThan(10);
  });

  it("is used as it is on the next run: no cache is written again", async () => {
    await validate({ PARITY_CODE_CACHE_DIR: base });
    const before = (await caches()).files;
    const second = await validate({ PARITY_CODE_CACHE_DIR: base });
    expect(second.code).toBe(0);
    expect((await caches()).files).toEqual(before);
  });

  it("replaces a damaged cache, and the command's output does not change", async () => {
    const clean = await validate({ PARITY_CODE_CACHE_DIR: base });
    const { dir, files } = await caches();
    const [name, file] = [...files].find(([n]) => n.startsWith("map-validate-"))!;
    // Same length as the real cache, so only V8's own check can tell it is not one.
    await writeFile(path.join(dir, name), Buffer.alloc(file.size, 0x5a));
    const damaged = await validate({ PARITY_CODE_CACHE_DIR: base });
    expect(damaged).toEqual(clean);
    const rewritten = await readFile(path.join(dir, name));
    expect(rewritten.equals(Buffer.alloc(file.size, 0x5a))).toBe(false);
    // and the rewritten one is accepted: the run after leaves it alone
    const after = (await caches()).files.get(name)!;
    await validate({ PARITY_CODE_CACHE_DIR: base });
    expect((await caches()).files.get(name)).toEqual(after);
  });

  it("is not read or written in a folder others may write to", async () => {
    await validate({ PARITY_CODE_CACHE_DIR: base });
    const { dir } = await caches();
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await chmod(dir, 0o777);
    const run = await validate({ PARITY_CODE_CACHE_DIR: base });
    expect(run.code).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps the caches of a run with other Node options apart, so neither run refuses the other's", async () => {
    await validate({ PARITY_CODE_CACHE_DIR: base });
    const plain = await caches();
    const optioned = await validate({ PARITY_CODE_CACHE_DIR: base, NODE_OPTIONS: "--max-old-space-size=512" });
    expect(optioned.code).toBe(0);
    const folders = await readdir(base);
    expect(folders).toHaveLength(2);
    expect(folders).toContain(path.basename(plain.dir));
    // The plain run's caches were not rewritten by the other.
    await validate({ PARITY_CODE_CACHE_DIR: base });
    expect((await readdir(base)).sort()).toEqual(folders.sort());
    const again = new Map<string, number>();
    for (const name of await readdir(plain.dir)) again.set(name, (await stat(path.join(plain.dir, name))).mtimeMs);
    expect(again).toEqual(new Map([...plain.files].map(([n, f]) => [n, f.mtimeMs])));
  });

  it("drops this install's caches of chunks it no longer has at once, when it writes", async () => {
    await validate({ PARITY_CODE_CACHE_DIR: base });
    const { dir, files } = await caches();
    // What a rebuild leaves: the same chunk under its old content hash, written a minute ago.
    const rebuilt = path.join(dir, "program-OLDHASH1-1234-1700000000000.cache");
    await writeFile(rebuilt, "x");
    // A write happens only when a cache is missing: take one away.
    const [taken] = [...files.keys()].filter((n) => n.startsWith("map-validate-"));
    await rm(path.join(dir, taken!));
    await validate({ PARITY_CODE_CACHE_DIR: base });
    const names = await readdir(dir);
    expect(names).not.toContain(path.basename(rebuilt));
    expect(names.sort()).toEqual([...files.keys()].sort());
  });

  it("removes another install's folder nothing was written to for 30 days, and keeps a recent one and what is not its own", async () => {
    const folder = (hash: string) => path.join(base, `v8-${process.versions.v8}-${process.arch}-${hash}`);
    const abandoned = folder("0000dead");
    const recent = folder("0000beef");
    const notOurs = path.join(base, "v8-notes");
    for (const dir of [abandoned, recent, notOurs]) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path.join(dir, "program-ABCDEFGH-1-1.cache"), "x");
    }
    const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    for (const dir of [abandoned, notOurs]) await utimes(dir, longAgo, longAgo);
    await validate({ PARITY_CODE_CACHE_DIR: base });
    const folders = await readdir(base);
    expect(folders).not.toContain(path.basename(abandoned));
    expect(folders).toContain(path.basename(recent));
    expect(folders).toContain(path.basename(notOurs));
    expect(folders).toHaveLength(3);
  });
});

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
