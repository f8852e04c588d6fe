import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package root: found by walking up, since this file runs from src/ in tests and dist/src/ when built. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "parity") return dir;
    } catch {
      // not here; keep walking
    }
    dir = path.dirname(dir);
  }
  throw new Error("cannot find parity's package.json");
}

export function parityVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
