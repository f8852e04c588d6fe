import type { Observation, Severity } from "../../src/types.js";
import { inWindow } from "../evidence/dates.js";
import { formatDuration, formatRatio, median, percent, plural } from "../evidence/format.js";
import { compareSteps } from "./steps.js";
import type { Deployment, DeploymentsSnapshot } from "./types.js";

/**
 * Rating rules (documented in the README):
 * - duration: production median ≥ 4× staging's → high, ≥ 2× → medium, otherwise a measurement;
 * - failure-rate (failure or rolled_back): production worse by ≥ 10 points → high, ≥ 5 → medium,
 *   otherwise a measurement; fewer than 5 production deploys is too few to judge (inconclusive);
 * - frequency: a measurement, unless production deployed more often than staging (medium:
 *   releases reached production without a staging deploy) or a side has none in the window.
 */
export function compareDeployments(staging: DeploymentsSnapshot, production: DeploymentsSnapshot, now: Date, windowDays: number): Observation[] {
  const s = staging.deployments.filter((d) => inWindow(d.startedAt, now, windowDays));
  const p = production.deployments.filter((d) => inWindow(d.startedAt, now, windowDays));
  const window = `in the last ${windowDays} days`;
  const out: Observation[] = [...compareSteps(staging, production, s, p, window), frequency(s, p, window, windowDays)];
  if (s.length > 0 && p.length > 0) out.push(duration(s, p), failureRate(s, p));
  return out;
}

function frequency(s: Deployment[], p: Deployment[], window: string, windowDays: number): Observation {
  const weekly = (n: number) => Math.round((n / windowDays) * 7 * 10) / 10;
  const base = { subject: "deploy frequency", aspect: "frequency", staging: `${s.length} deploys`, production: `${p.length} deploys` };
  if (s.length === 0 || p.length === 0) {
    const side = s.length === 0 ? "staging" : "production";
    return { ...base, severity: "medium", message: `${side} has no deployments ${window}, so its deploy process cannot be compared` };
  }
  const counts = `staging deployed ${plural(s.length, "time")} and production ${plural(p.length, "time")} ${window} (${weekly(s.length)} vs ${weekly(p.length)} a week)`;
  if (p.length > s.length) {
    return { ...base, severity: "medium", message: `${counts}: production deploys more often than staging, so some releases reached production without a staging deploy` };
  }
  return { ...base, severity: "low", kind: "measurement", message: counts };
}

function duration(s: Deployment[], p: Deployment[]): Observation {
  const ms = (d: Deployment) => Date.parse(d.finishedAt) - Date.parse(d.startedAt);
  const sm = median(s.map(ms));
  const pm = median(p.map(ms));
  const base = { subject: "deploy duration", aspect: "duration", staging: `median ${formatDuration(sm)}`, production: `median ${formatDuration(pm)}` };
  const medians = `median ${formatDuration(pm)} vs ${formatDuration(sm)}`;
  if (sm === 0) return { ...base, severity: "low", kind: "measurement", message: `staging deploys take no measurable time; production's median is ${formatDuration(pm)}` };
  const ratio = pm / sm;
  if (ratio >= 1.05) {
    const severity: Severity = ratio >= 4 ? "high" : "medium";
    const message = `production deploys take ${formatRatio(ratio)} as long: ${medians}`;
    return ratio >= 2 ? { ...base, severity, message } : { ...base, severity: "low", kind: "measurement", message };
  }
  if (ratio <= 1 / 1.05) {
    return { ...base, severity: "low", kind: "measurement", message: `staging deploys take ${formatRatio(1 / ratio)} as long as production's: median ${formatDuration(sm)} vs ${formatDuration(pm)}` };
  }
  return { ...base, severity: "low", kind: "measurement", message: `deploys take about as long in both: ${medians}` };
}

function failureRate(s: Deployment[], p: Deployment[]): Observation {
  const failed = (list: Deployment[]) => list.filter((d) => d.result !== "success");
  const sf = failed(s), pf = failed(p);
  const detail = (list: Deployment[], bad: Deployment[]) => {
    const rolledBack = bad.filter((d) => d.result === "rolled_back").length;
    return `${bad.length} of ${list.length}${rolledBack ? `, ${rolledBack} rolled back` : ""}`;
  };
  const message = `deploys fail ${percent(pf.length, p.length)} of the time in production vs ${percent(sf.length, s.length)} in staging (${detail(p, pf)} vs ${detail(s, sf)})`;
  const points = (pf.length / p.length - sf.length / s.length) * 100;
  const base = { subject: "deploy failure rate", aspect: "failure-rate", message, staging: `${percent(sf.length, s.length)} (${detail(s, sf)})`, production: `${percent(pf.length, p.length)} (${detail(p, pf)})` };
  if (p.length < 5) return { ...base, severity: "low", kind: "inconclusive", message: `${message}; too few production deploys to judge` };
  if (points >= 10) return { ...base, severity: "high" };
  if (points >= 5) return { ...base, severity: "medium" };
  return { ...base, severity: "low", kind: "measurement" };
}
