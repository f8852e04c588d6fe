#!/usr/bin/env node
import path from "node:path";
import { fileURLToPath } from "node:url";
import { useCodeCache } from "./code-cache.js";

async function main(args: string[]): Promise<number> {
  // `parity --version` is what scripts and bug reports run most: answered before the command
  // line library loads (the same output commander gives, without its start-up cost), and
  // without the code cache, whose folder checks cost more than its one small chunk.
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
    const { parityVersion } = await import("./version.js");
    process.stdout.write(`${parityVersion()}\n`);
    return 0;
  }
  // In the built CLI (CommonJS chunks, scripts/build.mjs) every chunk loads with V8's code cache
  // from its last run; run from tsc's output (ES modules, no `require`) nothing changes. Before
  // the first chunk loads, so all of them go through it: the commands import theirs on demand.
  if (typeof require === "function") useCodeCache(path.dirname(fileURLToPath(import.meta.url)));
  if (args[0] === "map" && args[1] === "validate" && (args.length === 2 || (args.length === 3 && !args[2]!.startsWith("-")))) {
    // `parity map validate [FILE]`, which editors and pre-commit hooks run on every save: started
    // without the command line library too (~20 ms). With any option it goes the usual way.
    const [{ validateCommand }, { commandFailed }, { DEFAULT_MAP }] = await Promise.all([import("./commands/map-validate.js"), import("./command-failed.js"), import("./default-map.js")]);
    // Awaited here, so an internal error's stack runs through main() (`at async main`).
    try {
      return await validateCommand(args[2] ?? DEFAULT_MAP);
    } catch (error) {
      return commandFailed(error);
    }
  }
  const { run } = await import("./program.js");
  return run(process.argv);
}

// No top-level await: the built CLI is CommonJS, which has none.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
