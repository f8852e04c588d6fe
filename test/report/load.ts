import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Audit, Finding } from "../../src/types.js";

export const FIXTURES = ["payments", "all-clear", "probe-errors", "latency"] as const;

/** A fixture audit, read fresh each time so a test may change its copy. */
export function loadAudit(name: string): Audit {
  const path = fileURLToPath(new URL(`../fixtures/audits/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as Audit;
}

/** An undeclared finding with the given fields, for tests that build audits of any size. */
export function undeclared(i: number, extra: Partial<Finding> = {}): Finding {
  return {
    probe: "app-config",
    subject: `KEY_${String(i).padStart(5, "0")}`,
    aspect: "value",
    class: "undeclared",
    difference: null,
    dimension: "test-reliability",
    severity: "medium",
    message: `KEY_${i} differs between staging and production`,
    staging: `s${i}`,
    production: `p${i}`,
    ...extra,
  };
}

// eslint-disable-next-line no-control-regex -- looking for ANSI escapes is the point
export const ANSI = /\u001b\[/;
