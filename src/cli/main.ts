#!/usr/bin/env node
import { parityVersion } from "./version.js";

// `parity --version` is what scripts and bug reports run most: answered before the command
// line library loads (the same output commander gives, without its start-up cost).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${parityVersion()}\n`);
} else if (args[0] === "map" && args[1] === "validate" && (args.length === 2 || (args.length === 3 && !args[2]!.startsWith("-")))) {
  // `parity map validate [FILE]`, which editors and pre-commit hooks run on every save: started
  // without the command line library too (~20 ms). With any option it goes the usual way.
  const [{ validateCommand }, { commandFailed }, { DEFAULT_MAP }] = await Promise.all([import("./commands/map-validate.js"), import("./command-failed.js"), import("./default-map.js")]);
  process.exitCode = await validateCommand(args[2] ?? DEFAULT_MAP).catch(commandFailed);
} else {
  const { run } = await import("./program.js");
  process.exitCode = await run(process.argv);
}
