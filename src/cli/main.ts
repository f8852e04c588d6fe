#!/usr/bin/env node
import { parityVersion } from "./version.js";

// `parity --version` is what scripts and bug reports run most: answered before the command
// line library loads (the same output commander gives, without its start-up cost).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${parityVersion()}\n`);
} else {
  const { run } = await import("./program.js");
  process.exitCode = await run(process.argv);
}
