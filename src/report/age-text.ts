import type { Finding } from "../types.js";

/**
 * "open for 41 days": a finding's age in words, once history dated it. Nothing for a finding
 * first seen today (the since-last section names what is new) nor for measurements, which are
 * figures, not open problems.
 */
export function ageWords(f: Finding): string | undefined {
  if (f.ageDays === undefined || f.ageDays === 0 || f.kind === "measurement") return undefined;
  return `open for ${f.ageDays === 1 ? "1 day" : `${f.ageDays} days`}`;
}
