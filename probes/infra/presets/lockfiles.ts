import { basename } from "node:path";
import { parse as parseToml } from "smol-toml";
import { ProbeError } from "../../../src/errors.js";
import { parseDocument } from "../../config/parse.js";
import type { SourceText } from "../../config/source.js";
import { isRecord } from "../../documents/lists.js";

/** Package name → the versions a lockfile pins for it (several when a tree nests two). */
export type Packages = Map<string, Set<string>>;

const EXPECTED = "a lockfile (package-lock.json, poetry.lock, requirements.txt or go.sum)";

/** Reads one lockfile, recognised by its name or, for command output, by its content. */
export function readLockfile(source: SourceText, into: Packages): void {
  const { text, name, what } = source;
  const file = basename(name).toLowerCase();
  if (file === "package-lock.json" || file === "npm-shrinkwrap.json" || (!file.endsWith(".txt") && /"lockfileVersion"\s*:/.test(text.slice(0, 4096)))) return npmLock(text, what, into);
  if (file === "poetry.lock" || /^\[\[package\]\]/m.test(text)) return poetryLock(text, what, into);
  if (file === "go.sum" || /^\S+ v\S+ h1:\S+=$/m.test(text)) return goSum(text, what, into);
  if (file.endsWith(".txt") || /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*===?\s*\S/m.test(text)) return requirements(text, what, into);
  throw new ProbeError(`${what}: expected ${EXPECTED}, found ${text.trim() === "" ? "nothing" : "text in none of those formats"}`);
}

function add(into: Packages, name: string, version: string): void {
  let versions = into.get(name);
  if (!versions) into.set(name, (versions = new Set()));
  versions.add(version);
}

/** npm lockfileVersion 2/3 (`packages`, keyed by install path) and 1 (nested `dependencies`). */
function npmLock(text: string, what: string, into: Packages): void {
  const doc = parseDocument(text, "json", what);
  if (!isRecord(doc) || typeof doc.lockfileVersion !== "number") throw new ProbeError(`${what}: expected an npm package-lock.json (lockfileVersion, packages), found no lockfileVersion`);
  if (isRecord(doc.packages)) {
    for (const [path, entry] of Object.entries(doc.packages)) {
      // "" is the project itself; links point at workspace folders, not installed packages.
      if (path === "" || !isRecord(entry) || entry.link === true || typeof entry.version !== "string") continue;
      const name = typeof entry.name === "string" ? entry.name : path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
      add(into, name, entry.version);
    }
    return;
  }
  const walk = (deps: unknown) => {
    if (!isRecord(deps)) return;
    for (const [name, entry] of Object.entries(deps)) {
      if (!isRecord(entry)) continue;
      if (typeof entry.version === "string") add(into, name, entry.version);
      walk(entry.dependencies);
    }
  };
  walk(doc.dependencies);
}

function poetryLock(text: string, what: string, into: Packages): void {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const line = (error as { line?: number }).line;
    throw new ProbeError(`${what} is not valid TOML${line ? ` (line ${line})` : ""}`);
  }
  if (!Array.isArray(doc.package)) throw new ProbeError(`${what}: expected a poetry.lock ([[package]] tables), found none`);
  for (const pkg of doc.package) if (isRecord(pkg) && typeof pkg.name === "string" && typeof pkg.version === "string") add(into, normalisePython(pkg.name), pkg.version);
}

/** `pip freeze` / pip-compile output: `name==version`, with comments, options and hashes around. */
function requirements(text: string, what: string, into: Packages): void {
  let found = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, "").replace(/\\$/, "").trim();
    if (!line || line.startsWith("#") || line.startsWith("-")) continue;
    const pinned = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*([^\s;]+)/.exec(line);
    if (pinned) {
      add(into, normalisePython(pinned[1]!), pinned[2]!);
      found++;
      continue;
    }
    const ranged = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*((?:[<>!~]=?|@)\s*[^;]+)?/.exec(line);
    if (ranged) {
      add(into, normalisePython(ranged[1]!), ranged[2]?.trim() ?? "(any)");
      found++;
    }
  }
  if (found === 0 && text.trim() !== "") throw new ProbeError(`${what}: expected requirements (name==version lines), found none`);
}

/** go.sum: the versions built (`mod v h1:`); `/go.mod` lines only describe the module graph. */
function goSum(text: string, what: string, into: Packages): void {
  let found = 0;
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\S+) (v\S+?)(\/go\.mod)? h1:\S+$/.exec(line.trim());
    if (!m) continue;
    found++;
    if (!m[3]) add(into, m[1]!, m[2]!);
  }
  if (found === 0) throw new ProbeError(`${what}: expected go.sum lines (module version h1:hash), found none`);
}

/** PEP 503: names compare case-insensitively with runs of -, _ and . as one dash. */
function normalisePython(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
