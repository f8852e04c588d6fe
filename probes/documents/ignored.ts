import type { Observation } from "../../src/types.js";
import { grouped } from "../../src/grouped.js";

/**
 * Differences an ignore rule left out are still counted and said, never silently dropped: the
 * report's notes carry one measurement per probe, e.g. "12 differences ignored by rules:
 * metadata.annotations.checksum/* (10), **.resourceVersion (2)". `noise` counts what a preset
 * leaves out on its own (server-managed fields), in the same sentence.
 */
export function ignoredNote(ignored: ReadonlyMap<string, number>, noise?: ReadonlyMap<string, number>, noiseLabel = "server-managed fields"): Observation | null {
  const byRule = total(ignored);
  const byNoise = noise ? total(noise) : 0;
  if (byRule === 0 && byNoise === 0) return null;
  const parts: string[] = [];
  if (byRule) parts.push(`${count(byRule, "difference")} ignored by rules: ${list(ignored)}`);
  if (byNoise) parts.push(`${count(byNoise, "difference")} in ${noiseLabel} left out: ${list(noise!)}`);
  return {
    subject: "(ignored)",
    aspect: "ignored",
    severity: "low",
    message: `${parts.join("; ")} (not reported as findings)`,
    staging: null,
    production: null,
    kind: "measurement",
  };
}

function total(counts: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}

function list(counts: ReadonlyMap<string, number>): string {
  const entries = [...counts].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = entries.slice(0, 8).map(([pattern, n]) => `${pattern} (${grouped(n)})`);
  return entries.length > 8 ? `${shown.join(", ")} and ${entries.length - 8} more` : shown.join(", ");
}

function count(n: number, noun: string): string {
  return `${grouped(n)} ${noun}${n === 1 ? "" : "s"}`;
}
