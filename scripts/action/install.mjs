#!/usr/bin/env node
// The action's first step: make the parity CLI of the action's own checkout runnable.
// The action runs the parity of its own ref (`uses: org/parity@v1`), not whatever version the
// audited repository may pin, so every run of one workflow uses one parity. A checkout that
// already has the built CLI (a release that ships dist/) is used as it is; otherwise the
// lockfile's exact packages are installed (`npm ci`, no install scripts: nothing runs that the
// build does not need) and the CLI is bundled as `npm ci` would (scripts/build.mjs): the bundle
// starts in about half the time of tsc's file-per-module output, and keeps its code cache.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/bundle/parity.js");
const hasModules = existsSync(join(root, "node_modules/commander"));

if (existsSync(cli) && hasModules) {
  console.log(`parity: using the built CLI in ${root}`);
} else {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  if (!hasModules) execFileSync(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (!existsSync(cli)) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { cwd: root, stdio: "inherit" });
  console.log(`parity: built the CLI in ${root}`);
}
