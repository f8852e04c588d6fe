import { plural } from "../assess/words.js";
import type { VerdictCounts } from "../types.js";
import type { Fleet, FleetGroup, FleetService } from "./model.js";

/** "FAILED, exit 1" / "PASSED, exit 0" / "PASSED, exit 3 (a probe could not run)". */
export function serviceGate(s: FleetService): string {
  return `${s.passed ? "PASSED" : "FAILED"}, exit ${s.exitCode}${s.passed && s.exitCode !== 0 ? " (a probe could not run)" : ""}`;
}

/** `payments` or, when a service has several maps in the fleet, `payments (deploy/eu/parity-map.yaml)`. */
export function serviceName(fleet: Fleet, s: Pick<FleetService, "service" | "map">): string {
  const maps = fleet.services.filter((x) => x.service === s.service).length;
  return maps > 1 ? `${s.service} (${s.map})` : s.service;
}

/** "12 services: 3 failed, 1 passed with a probe error, 8 passed". */
export function fleetHeadline(fleet: Fleet): string {
  const t = fleet.totals;
  const parts = [`${t.failed} failed`];
  if (t.incomplete) parts.push(`${t.incomplete} passed with evidence missing`);
  parts.push(`${t.passed} passed`);
  return `${plural(t.services, "service")}: ${parts.join(", ")}`;
}

/** The counts that matter across the fleet, in words, zeros left out. */
export function countWords(c: VerdictCounts): string {
  const parts = [
    c.undeclared ? plural(c.undeclared, "undeclared difference") : "",
    c.openHighImpact ? plural(c.openHighImpact, "open high-impact known gap") : "",
    c.probeErrors ? plural(c.probeErrors, "probe error") : "",
    c.stale ? plural(c.stale, "stale entry", "stale entries") : "",
    c.overdue ? plural(c.overdue, "overdue review") : "",
    c.declared ? plural(c.declared, "declared difference") : "",
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "nothing found";
}

/** Groups that span more than one service: the rows that make a fleet view worth having. */
export function sharedGroups(fleet: Fleet): FleetGroup[] {
  return fleet.groups.filter((g) => g.services.length > 1);
}

export function soloCount(fleet: Fleet): number {
  return fleet.groups.filter((g) => g.services.length === 1).length;
}

/** "payments, ledger and 38 more". */
export function listSome(names: string[], max = 6): string {
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}
