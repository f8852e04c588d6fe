import type { Observation, Severity } from "../../src/types.js";
import type { CompareContext } from "../../src/probe.js";
import type { DataOptions, DataProfile, TableOptions, TableProfile } from "./types.js";
import { PROFILE_FORMAT } from "./types.js";
import { ProbeError } from "../../src/errors.js";
import { CHANCE_THRESHOLD, chanceOfAbsence, cdfFromQuantiles, twoProportionP } from "./stats.js";
import { chance, count, days, fixed, percent } from "./format.js";
import { compareCategories, compareDistribution } from "./compare-columns.js";
import { alignCategoryHashes } from "./hash-keys.js";
import { superuserObservations } from "../database/session-role.js";

function checkFormat(profile: DataProfile, side: string): void {
  if (profile?.format !== PROFILE_FORMAT || profile.version !== 1) {
    throw new ProbeError(`the ${side} snapshot is not a version-1 data profile (format ${JSON.stringify(profile?.format)}, version ${JSON.stringify(profile?.version)})`);
  }
}

export function compareProfiles(staging: DataProfile, production: DataProfile, ctx: CompareContext<DataOptions>): Observation[] {
  checkFormat(staging, "staging");
  checkFormat(production, "production");
  const aligned = alignCategoryHashes(staging, production);
  [staging, production] = [aligned.staging, aligned.production];
  const out: Observation[] = [...superuserObservations(staging.session, production.session), ...(aligned.note ? [aligned.note] : [])];
  for (const table of ctx.options.tables) {
    const s = staging.tables.find((t) => t.name === table.name);
    const p = production.tables.find((t) => t.name === table.name);
    if (!s || !p) continue; // a snapshot taken with another table list: nothing to say about this one
    out.push(...compareTable(s, p, table));
  }
  return out;
}

function compareTable(s: TableProfile, p: TableProfile, table: TableOptions): Observation[] {
  if (!s.exists || !p.exists) {
    // On neither side it is a misspelt name in the map, not a finding: say so rather than pass green.
    if (!s.exists && !p.exists) throw new ProbeError(`table ${table.name} exists in neither staging nor production (check tables[].name; schema-qualify it if it is not on the search path)`);
    const missing = s.exists ? "production" : "staging";
    return [{ subject: table.name, aspect: "volume", severity: "high", staging: s.exists ? s.rows : null, production: p.exists ? p.rows : null, message: `table ${table.name} does not exist in ${missing}` }];
  }
  const nowhere = (s.missingColumns ?? []).filter((c) => (p.missingColumns ?? []).includes(c));
  if (nowhere.length) {
    throw new ProbeError(`${table.name}: column${nowhere.length > 1 ? "s" : ""} ${nowhere.join(", ")} ${nowhere.length > 1 ? "exist" : "exists"} in neither staging nor production (check tables[].columns and timestampColumn)`);
  }
  const out = [...volume(s, p, table), ...freshness(s, p)];
  for (const pc of p.columns) {
    const sc = s.columns.find((c) => c.name === pc.name);
    if (!sc) continue; // the schema probe reports missing columns
    const subject = `${table.name}.${pc.name}`;
    out.push(...nulls(subject, sc.nulls, s.sample.rows, pc.nulls, p.sample.rows));
    out.push(...compareCategories(subject, sc, pc, s.sample.rows, p.sample.rows));
    if (pc.name !== p.keyColumn && pc.name !== table.timestampColumn) out.push(...compareDistribution(subject, sc, pc, s.sample.rows, p.sample.rows));
  }
  return out;
}

function volume(s: TableProfile, p: TableProfile, table: TableOptions): Observation[] {
  const evidence = { staging: s.rows, production: p.rows };
  if (p.rows > 0 && s.rows === 0) {
    return [{ subject: table.name, aspect: "volume", severity: "high", ...evidence, message: `${table.name} is empty in staging; production has ${count(p.rows)} rows` }];
  }
  if (p.rows === 0) return [];
  const ratio = s.rows / p.rows;
  const expected = table.expectedRatio;
  if (expected === undefined) {
    return [{ subject: table.name, aspect: "volume", severity: "low", kind: "measurement", ...evidence, message: `${table.name}: staging has ${count(s.rows)} rows, ${fixed(ratio, 4)}× production's ${count(p.rows)} (no expectedRatio declared)` }];
  }
  // Within a factor of 1.5 of the declared ratio is "as declared": row counts drift daily.
  const factor = Math.max(ratio / expected, expected / ratio);
  if (factor <= 1.5) return [];
  const severity: Severity = factor > 10 ? "high" : factor > 3 ? "medium" : "low";
  const direction = ratio > expected ? "more" : "fewer";
  return [{
    subject: table.name, aspect: "volume", severity, ...evidence,
    message: `${table.name}: staging has ${count(s.rows)} rows, ${fixed(ratio, 4)}× production's ${count(p.rows)} — ${fixed(factor, 1)}× ${direction} than the declared ${expected}`,
  }];
}

/** NULLs on one side only (judged by the chance of absence), or null rates apart beyond noise. */
export function nulls(subject: string, sNulls: number, sRows: number, pNulls: number, pRows: number): Observation[] {
  if (sRows === 0 || pRows === 0) return [];
  const sRate = sNulls / sRows;
  const pRate = pNulls / pRows;
  const evidence = { staging: { nulls: sNulls, rows: sRows, rate: fixed(sRate, 4) }, production: { nulls: pNulls, rows: pRows, rate: fixed(pRate, 4) } };
  const column = subject.slice(subject.lastIndexOf(".") + 1);
  for (const [has, hasName, lacks, lacksName, lacksRows] of [[pRate, "production", sNulls, "staging", sRows], [sRate, "staging", pNulls, "production", pRows]] as const) {
    if (has > 0 && lacks === 0) {
      const p = chanceOfAbsence(has, lacksRows);
      if (p >= CHANCE_THRESHOLD) return [];
      const severity: Severity = hasName === "production" ? (has >= 0.01 ? "high" : "medium") : "low";
      return [{ subject, aspect: "nulls", severity, ...evidence, message: `${hasName} has NULL \`${column}\` in ${percent(has)} of rows; ${lacksName} has none in ${count(lacksRows)} rows — a chance of ${chance(p)}` }];
    }
  }
  if (sNulls === 0 && pNulls === 0) return [];
  // Practical difference (≥ 1 point and ≥ 20% relative) and significance (two-proportion test, p < 0.001).
  const diff = Math.abs(sRate - pRate);
  if (diff < 0.01 || diff < 0.2 * Math.max(sRate, pRate)) return [];
  const p = twoProportionP(sNulls, sRows, pNulls, pRows);
  if (p >= 0.001) return [];
  return [{
    subject, aspect: "nulls", severity: diff >= 0.1 ? "medium" : "low", ...evidence,
    message: `\`${column}\` is NULL in ${percent(sRate)} of staging rows and ${percent(pRate)} of production rows — a gap this size by chance: ${chance(p)}`,
  }];
}

/** The lag between the newest timestamps, reported when staging's newest row is too old to be luck. */
function freshness(s: TableProfile, p: TableProfile): Observation[] {
  if (!p.timestampColumn || s.newest == null || p.newest == null) return [];
  const lagDays = (p.newest - s.newest) / 86_400;
  if (lagDays < 1) return [];
  // Staging's newest row predates a share q of production's rows; a same-data copy of n rows
  // misses that whole newest share with probability (1−q)^n.
  const pc = p.columns.find((c) => c.name === p.timestampColumn);
  // Without production's percentiles the lag alone has to speak.
  const odds = pc?.quantiles?.length ? chanceOfAbsence(1 - cdfFromQuantiles(pc.quantiles, s.newest), s.sample.rows) : 0;
  if (odds >= CHANCE_THRESHOLD) return [];
  const severity: Severity = lagDays >= 30 ? "high" : lagDays >= 7 ? "medium" : "low";
  const iso = (t: number) => new Date(t * 1000).toISOString();
  return [{
    subject: `${p.name}.${p.timestampColumn}`, aspect: "freshness", severity,
    staging: { newest: iso(s.newest) }, production: { newest: iso(p.newest), lagDays: fixed(lagDays, 1) },
    message: `staging's newest ${p.name} row is ${days(lagDays)} older than production's (${iso(s.newest).slice(0, 10)} vs ${iso(p.newest).slice(0, 10)})`,
  }];
}
