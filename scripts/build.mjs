// Builds the CLI into dist/bundle/: one entry file plus chunks that load on demand.
//
// Why a bundle: Node resolves and compiles each ES module file on its own, and a command that
// loads zod, yaml and commander from ~400 files spends more time finding and compiling them than
// working. One file per load-together group starts several times faster. Why chunks: the
// dynamic imports in src/cli/program.ts, probes/*/index.ts and src/demo/parts.ts stay dynamic, so
// `parity --help` loads commander only and a schema-only audit loads no HTTP code.
//
// The database and HTTP drivers (pg, mysql2, undici) are bundled too, each into the chunk of the
// probe code that imports it: loaded as ~100 CommonJS files each they cost a schema audit more
// than its catalog queries. PGlite stays outside: it finds its WebAssembly and data files next to
// its own module. dist/bundle-meta.json records which packages each chunk holds, so a test can
// tell which drivers a command loaded (test/speed/lazy-loading.test.ts).
//
// Two passes: esbuild splits into chunks only as ES modules; each file is then converted to
// CommonJS (asCommonJs), because only CommonJS can be compiled from V8's code cache on Node 20
// (src/cli/code-cache.ts).
//
// Source maps (chained through both passes) point every stack frame of an internal error at
// src/ and probes/ when the CLI prints one (src/cli/source-mapped-stack.ts).
//
//   node scripts/build.mjs   (npm run build; `prepare` runs it after npm ci)
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/bundle");

/** Loaded from node_modules (PGlite, for the demo) or never (optional parts of pg). */
const EXTERNAL = ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg-native", "cloudflare:sockets"];

/**
 * pg asks "am I in a Cloudflare Worker?" by constructing a fetch `Response` when there is no
 * `navigator` global, which Node 20 lacks (Node 21+ has one, and pg never gets that far there).
 * That first `Response` loads Node's whole fetch implementation: ~40 ms of CPU in every
 * PostgreSQL audit, on a start-up budget of a few hundred. Answer the question as Node 21+
 * would; if pg's code changes shape, the bundle keeps pg as it is (slower, still correct).
 */
const pgSkipsCloudflareProbeOnNode = {
  name: "pg-skips-cloudflare-probe-on-node",
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const probe = "function isCloudflareRuntime() {";
      if (!source.includes(probe)) return undefined;
      return { contents: source.replace(probe, `${probe}\n  if (typeof process === "object" && process.release?.name === "node") return false;`), loader: "js" };
    });
  },
};

/**
 * zod's `z.locales` namespace re-exports its error messages in 50 languages (300 KB of the 580 KB
 * zod chunk). parity writes English and never calls z.locales.*, and esbuild cannot drop a
 * namespace's unused members, so every command compiled all 50 (about a tenth of `map validate`).
 * The namespace keeps English only; zod's default locale (classic/schemas.js imports en.js itself)
 * is untouched.
 */
const zodLocalesEnglishOnly = {
  name: "zod-locales-english-only",
  setup(b) {
    // classic/ and core/ both import ../locales/index.js: one stand-in, resolved beside it.
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]v4[\\/](?:classic|core)[\\/]/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), "../locales"), namespace: "zod-locales" };
    });
    b.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({ contents: 'export { default as en } from "./en.js";', loader: "js", resolveDir: args.path }));
  },
};

/**
 * Pass 2: each ES module file of pass 1 becomes a CommonJS file of the same name. Node 20 hands
 * V8 a code cache only for CommonJS (vm.Script's cachedData), and with one a command starts
 * 10–20% sooner (src/cli/code-cache.ts, BENCHMARKS.md). esbuild splits into chunks only as ES
 * modules, hence two passes. Imports between chunks become require() in the same order, dynamic
 * ones a require on demand, so laziness is unchanged; each file's source map chains through
 * pass 1's to src/.
 * The "use strict" banner keeps ES module semantics, and puts line 1 out of the way of the
 * module wrapper's columns.
 */
async function asCommonJs(esmDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".js")) files.push(file);
      else if (!entry.name.endsWith(".js.map")) cpSync(file, join(outdir, relative(esmDir, file)));
    }
  };
  walk(esmDir);
  // Pass 1's files are ES modules to each other, not CommonJS seen from an ES module: without a
  // "type": "module" above them, esbuild does not apply Node's CommonJS interop (where a dynamic
  // import of a chunk would yield { default: its exports }).
  writeFileSync(join(esmDir, "package.json"), "{}\n");
  await build({
    absWorkingDir: root,
    entryPoints: files,
    outbase: esmDir,
    outdir,
    bundle: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    // import("./chunk.js") becomes a require() when it runs: through Node's ES module loader it
    // would read the chunk asynchronously, parse its exports, and skip the code cache.
    supported: { "dynamic-import": false },
    // import.meta.url, for the few files that find something beside themselves (the workers,
    // package.json): the same file URL, from CommonJS's __filename.
    define: { "import.meta.url": "__parityModuleUrl" },
    banner: { js: '"use strict";const __parityModuleUrl=require("node:url").pathToFileURL(__filename).href;' },
    sourcemap: "linked",
    sourcesContent: false,
    minifyWhitespace: true,
    legalComments: "none",
    logLevel: "warning",
  });
  // Every .js under dist/bundle is CommonJS, though the package's own "type" is "module".
  writeFileSync(join(outdir, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
}

rmSync(outdir, { recursive: true, force: true });
const esmDir = join(root, "dist/.bundle-esm");
rmSync(esmDir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // The demo's database thread and the tests probe's JUnit reader thread are entries of their
  // own, beside the chunks that start them (src/demo/database.ts and probes/tests/parse-lanes.ts
  // look for ./database-worker.js and ./junit-worker.js next to themselves).
  entryPoints: { parity: "src/cli/main.ts", "chunks/database-worker": "src/demo/database-worker.ts", "chunks/junit-worker": "probes/tests/junit-worker.ts" },
  // Pass 1 writes ES modules here; pass 2 (asCommonJs) turns them into dist/bundle/.
  outdir: esmDir,
  // [hash] is of the chunk's content: src/cli/code-cache.ts caches only files named so (CHUNK).
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  // No require() shim: the bundled CommonJS packages (commander, cli-table3 …) call esbuild's
  // __require, which finds CommonJS's own require once pass 2 has converted the chunk.
  sourcemap: "linked",
  // Stack traces need positions, not the sources: smaller maps load faster.
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
  // Identifiers are not minified: function names in stack frames stay as written.
  legalComments: "linked",
  plugins: [pgSkipsCloudflareProbeOnNode, zodLocalesEnglishOnly],
  metafile: true,
  logLevel: "warning",
});
await asCommonJs(esmDir);
rmSync(esmDir, { recursive: true, force: true });
// Named as the files in dist/bundle/ (pass 2 keeps every name).
const meta = JSON.stringify(result.metafile).replaceAll('"dist/.bundle-esm/', '"dist/bundle/');
writeFileSync(join(root, "dist/bundle-meta.json"), meta);
