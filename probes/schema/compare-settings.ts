import type { Observation } from "../../src/types.js";
import type { SchemaOptions, SchemaSnapshot } from "./types.js";
import { settingSeverity } from "./attributes.js";
import { ignoresSetting } from "./ignore.js";

/**
 * Server settings and versions: what schema-diff tools skip, yet what turns staging green and
 * production red (TimeZone, DateStyle, sql_mode …). They speak to test reliability: tests on
 * staging run under rules production does not share.
 */
export function compareServer(staging: SchemaSnapshot, production: SchemaSnapshot, options: SchemaOptions): Observation[] {
  const out: Observation[] = [];
  const names = new Set([...Object.keys(staging.settings), ...Object.keys(production.settings)]);
  for (const name of [...names].sort()) {
    if (ignoresSetting(options.ignore, name)) continue;
    const sv = staging.settings[name] ?? null;
    const pv = production.settings[name] ?? null;
    if (sv === pv) continue;
    out.push({
      subject: `setting:${name}`, aspect: "setting", severity: settingSeverity(name), dimension: "test-reliability",
      message: `Setting ${name} differs (staging ${sv ?? "not set"}, production ${pv ?? "not set"})`,
      staging: sv, production: pv,
    });
  }
  if (staging.serverVersion !== production.serverVersion && !ignoresSetting(options.ignore, "server_version")) {
    const major = (v: string) => (staging.dialect === "postgres" ? v.split(".")[0] : v.split(".").slice(0, 2).join("."));
    const sameMajor = major(staging.serverVersion) === major(production.serverVersion);
    out.push({
      subject: "server", aspect: "version", severity: sameMajor ? "low" : "high", dimension: "test-reliability",
      message: `Server version differs (staging ${staging.serverVersion}, production ${production.serverVersion})${sameMajor ? "" : ": a different major version"}`,
      staging: staging.serverVersion, production: production.serverVersion,
    });
  }
  for (const [side, snap] of [["staging", staging], ["production", production]] as const) {
    if (!snap.visibility.reason) continue;
    out.push({
      subject: `visibility:${side}`, aspect: "not-visible", severity: "low", kind: "measurement",
      message: `On ${side}, ${snap.visibility.reason}; objects it cannot see are reported as not visible, never as missing`,
      staging: side === "staging" ? snap.visibility.reason : null, production: side === "production" ? snap.visibility.reason : null,
    });
  }
  return out;
}
