import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

// Why this exists: every run of the CLI compiled the ~30–50 chunks it loads from source, and V8
// compiled each function again the first time it ran. A cache takes 10–20% off `map validate`
// and a small schema audit (bench/startup.mjs, bench/audit-schema.mjs, BENCHMARKS.md).
// V8 can save what it compiled (a code cache) and reuse it on the next run; Node 22 does this
// with module.enableCompileCache(), which Node 20 lacks, and only for CommonJS can Node 20 hand
// V8 a cache (vm.Script's cachedData). So scripts/build.mjs emits the bundle's chunks as
// CommonJS, and this hook compiles them with their cache. No library does this for a bundle
// (v8-compile-cache makes its cache when it compiles, before the code runs, so the cache misses
// every function the command then compiled, and keeps it in a shared temporary folder: see below).
//
// Safety: V8 checks a cache only against the source's length, and a cache is code it will run,
// so a cache is only read from a folder the user owns and nobody else can write, under the name
// of the chunk's content hash, size and modification time, in a folder of this install's own. A cache V8 refuses (another Node, other
// flags, a damaged file) costs one compile and is written again; nothing is ever lost by having
// no cache. PARITY_CODE_CACHE=off (or 0, false, no) turns it off.

/** PARITY_CODE_CACHE values that turn the cache off, and those that leave it on (as does none). */
const OFF = new Set(["off", "0", "false", "no"]);
const ON = new Set(["", "on", "1", "true", "yes"]);

/**
 * Whether PARITY_CODE_CACHE leaves the cache on. A value that is neither (PARITY_CODE_CACHE=of)
 * was meant to change something: said once on stderr, not an error, as the command's output
 * never depends on the cache.
 */
function wanted(value: string | undefined): boolean {
  const setting = (value ?? "").trim().toLowerCase();
  if (OFF.has(setting)) return false;
  if (!ON.has(setting)) {
    const list = (values: Set<string>) => [...values].filter(Boolean).join(", ");
    process.stderr.write(`parity: PARITY_CODE_CACHE=${JSON.stringify(value)} is neither off (${list(OFF)}) nor on (${list(ON)}): the code cache stays on\n`);
  }
  return true;
}

/** Chunks are named [name]-[content hash].js by the build: a cache is tied to that content. */
const CHUNK = /-[A-Z0-9]{8}\.js$/;

interface Pending {
  script: vm.Script;
  file: string;
}

/**
 * Compiles the bundle's chunks (files under `bundleDir/chunks/`) with V8's code cache from this
 * install's folder (folderName), and writes the caches of the chunks that had none when the
 * process exits. Returns false, changing nothing, when there is no usable cache folder or the
 * cache is off.
 */
export function useCodeCache(bundleDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const compile = (Module.prototype as unknown as { _compile?: unknown })._compile;
  if (!wanted(env.PARITY_CODE_CACHE) || typeof compile !== "function") return false;
  const chunksDir = path.join(bundleDir, "chunks");
  const chunks = chunksDir + path.sep;
  const base = cacheBase(env);
  const dir = base && privateFolder(path.join(base, folderName(bundleDir, env)));
  if (!base || !dir) return false;
  const pending: Pending[] = [];
  const original = compile as (this: NodeModule, content: string, filename: string, ...rest: unknown[]) => unknown;
  (Module.prototype as unknown as { _compile: typeof original })._compile = function (this: NodeModule, content: string, filename: string, ...rest: unknown[]) {
    if (!filename.startsWith(chunks) || !CHUNK.test(filename)) return original.call(this, content, filename, ...rest);
    const file = path.join(dir, cacheName(filename));
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      // no cache yet: compiled from source, and written at exit
    }
    // The chunks' first line is the build's "use strict" banner, so the wrapper on line 1 moves
    // no mapped column and stack frames still map to src/ (source-mapped-stack.ts). The build
    // turns import() into require(); one left in a chunk would resolve as in Node's own loader.
    const script = new vm.Script(Module.wrap(content), { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    if (!cachedData || script.cachedDataRejected) pending.push({ script, file });
    const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  process.once("exit", () => writeCaches(pending, dir, chunksDir, base));
  return true;
}

/** `$PARITY_CODE_CACHE_DIR`, or `$XDG_CACHE_HOME/parity/code-cache` (~/.cache by default); undefined with no home. */
function cacheBase(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return env.PARITY_CODE_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "parity", "code-cache");
  } catch {
    return undefined;
  }
}

/**
 * One folder per install, V8 version and set of Node options: `v8-<version>-<arch>-<hash>`. Per
 * install, so what one install's caches are is decided by that install alone (its rebuilt chunks'
 * old caches can go at once); per set of options, since V8 refuses a cache made under other
 * flags (a profiler run would otherwise rewrite every cache, and the next plain run rewrite them
 * back). FNV-1a by hand: node:crypto would cost more start-up than this whole hook saves on
 * `--help`.
 */
function folderName(bundleDir: string, env: NodeJS.ProcessEnv): string {
  const key = [bundleDir, ...process.execArgv, env.NODE_OPTIONS ?? ""].join("\0");
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return `${FOLDER_PREFIX}${hash.toString(16).padStart(8, "0")}`;
}
const FOLDER_PREFIX = `v8-${process.versions.v8}-${process.arch}-`;
/** Any Node's folder of the kind folderName makes: only those are ever removed from the base. */
const CACHE_FOLDER = /^v8-[\w.-]+-[0-9a-f]{8}$/;

/**
 * The folder, created private (0700), if this user owns it and no one else may write to it;
 * undefined when it cannot be had.
 */
function privateFolder(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    const uid = process.getuid?.();
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The cache's file name: the chunk's name (its content hash), size and modification time. */
function cacheName(chunk: string): string {
  const stat = statSync(chunk);
  return `${path.basename(chunk, ".js")}-${stat.size}-${Math.trunc(stat.mtimeMs)}.cache`;
}

/** Another install's folder (or an older Node's) goes when nothing was written to it for this long. */
const KEEP_UNUSED_FOLDER_MS = 30 * 24 * 3600 * 1000;
/** A temporary file this old was left by a process killed while writing it. */
const STRAY_TEMPORARY_MS = 3600 * 1000;

/**
 * Writes each new cache whole or not at all (a temporary file renamed over it), so processes
 * running side by side never read half a cache. After the command ran, so the cache holds every
 * function it compiled. Then, since something was written anyway: this install's caches of
 * chunks it no longer has (a rebuild renames every chunk it changes) go, and so do the folders of
 * installs nothing was written to for 30 days.
 */
function writeCaches(pending: Pending[], dir: string, chunksDir: string, base: string): void {
  if (!pending.length) return;
  try {
    for (const { script, file } of pending) {
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, file);
    }
    const current = new Set(readdirSync(chunksDir).filter((f) => CHUNK.test(f)).map((f) => cacheName(path.join(chunksDir, f))));
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (name.endsWith(".cache") ? !current.has(name) : name.endsWith(".tmp") && now - statSync(file).mtimeMs > STRAY_TEMPORARY_MS) unlinkSync(file);
    }
    for (const name of readdirSync(base)) {
      const folder = path.join(base, name);
      if (folder !== dir && CACHE_FOLDER.test(name) && now - statSync(folder).mtimeMs > KEEP_UNUSED_FOLDER_MS) rmSync(folder, { recursive: true, force: true });
    }
  } catch {
    // a full disk or a folder made read-only: the next run compiles from source, as without a cache
  }
}
