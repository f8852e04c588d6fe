import { matchesAny } from "../../src/glob.js";
import type { Observation, Severity } from "../../src/types.js";
import { weightOf } from "./settings.js";
import type { CacheOptions, CacheSnapshot } from "./types.js";

/** Commands only operators use; one renamed on one side changes nothing an application does. */
const ADMIN_COMMANDS = new Set(["ACL", "BGREWRITEAOF", "BGSAVE", "CLUSTER", "DEBUG", "LATENCY", "MIGRATE", "MODULE", "MONITOR", "PSYNC", "REPLICAOF", "SAVE", "SHUTDOWN", "SLAVEOF", "SLOWLOG", "SYNC"]);

/** Pure: two cache snapshots → observations, server first, then settings, modules and commands. */
export function compareCaches(staging: CacheSnapshot, production: CacheSnapshot, options: CacheOptions): Observation[] {
  const ignored = (name: string, subject: string) => matchesAny(options.ignore, name) || matchesAny(options.ignore, subject);
  return [
    ...compareServer(staging, production),
    ...compareSettings(staging, production, ignored),
    ...compareModules(staging, production, ignored),
    ...compareCommands(staging, production, ignored),
  ];
}

function compareServer(s: CacheSnapshot, p: CacheSnapshot): Observation[] {
  const out: Observation[] = [];
  if (s.server.software !== p.server.software) {
    out.push(obs("server", "software", "medium", `Cache server software differs (staging ${s.server.software}, production ${p.server.software})`, s.server.software, p.server.software));
  }
  if (s.server.version !== p.server.version) {
    const severity = versionGap(s.server.version, p.server.version);
    out.push(obs("server", "version", severity, `Cache server version differs (staging ${s.server.software} ${s.server.version}, production ${p.server.software} ${p.server.version})`, s.server.version, p.server.version));
  }
  if (s.server.mode !== p.server.mode) {
    out.push(obs("server", "mode", "high", `Cache runs in ${s.server.mode} mode in staging and ${p.server.mode} mode in production: commands behave differently across the two`, s.server.mode, p.server.mode));
  }
  if (s.server.role !== p.server.role) {
    out.push(obs("server", "role", "low", `The cache parity reads is a ${s.server.role} in staging and a ${p.server.role} in production`, s.server.role, p.server.role));
  }
  return out;
}

/** A major version apart is high, a minor one medium, a patch low. */
function versionGap(a: string, b: string): Severity {
  const [x, y] = [a, b].map((v) => v.replace(/^[^\d]*/, "").split(/[.-]/).map((n) => Number.parseInt(n, 10)));
  if (x![0] !== y![0]) return "high";
  if (x![1] !== y![1]) return "medium";
  return "low";
}

function compareSettings(s: CacheSnapshot, p: CacheSnapshot, ignored: (name: string, subject: string) => boolean): Observation[] {
  const out: Observation[] = [];
  const fallback = [s, p].some((side) => side.settingsFrom === "info");
  const names = Object.keys(s.settings).filter((n) => n in p.settings).sort();
  if (fallback) out.push(fallbackNote(s, p, names));
  for (const name of names) {
    const [a, b] = [s.settings[name]!, p.settings[name]!];
    const subject = `setting:${name}`;
    if (a === b || ignored(name, subject)) continue;
    const weight = weightOf(name, a, b);
    const why = weight.why ? `: ${weight.why}` : "";
    out.push({ ...obs(subject, "setting", weight.severity, `Cache setting ${name} differs (staging ${show(a)}, production ${show(b)})${why}`, a, b), ...(weight.dimension ? { dimension: weight.dimension } : {}) });
  }
  return out;
}

/** Where CONFIG could not be used the comparison is partial, and says which settings it left out. */
function fallbackNote(s: CacheSnapshot, p: CacheSnapshot, compared: string[]): Observation {
  const sides = ([["staging", s], ["production", p]] as const).filter(([, snap]) => snap.settingsFrom === "info");
  const why = sides.map(([side, snap]) => `${side}: ${snap.configProblem ?? "CONFIG could not be used"}`).join("; ");
  const all = new Set([...Object.keys(s.settings), ...Object.keys(p.settings)]);
  const left = [...all].filter((n) => !compared.includes(n));
  const notable = ["timeout", "notify-keyspace-events", "databases", "save", "appendfsync"].filter((n) => left.includes(n));
  const rest = left.length - notable.length;
  const leftOut = left.length === 0 ? "" : `; not compared: ${[...notable, ...(rest > 0 ? [`${rest} more`] : [])].join(", ")}`;
  return {
    ...obs("CONFIG", "fallback", "low", `Cache settings read from INFO where CONFIG cannot be used (${why}); compared ${compared.join(", ") || "nothing"}${leftOut}`, s.settingsFrom, p.settingsFrom),
    kind: "inconclusive",
  };
}

function compareModules(s: CacheSnapshot, p: CacheSnapshot, ignored: (name: string, subject: string) => boolean): Observation[] {
  const out: Observation[] = [];
  for (const name of [...new Set([...Object.keys(s.modules), ...Object.keys(p.modules)])].sort()) {
    const subject = `module:${name}`;
    if (ignored(name, subject)) continue;
    const [a, b] = [s.modules[name], p.modules[name]];
    if (a === undefined) out.push(obs(subject, "missing-in-staging", "high", `Cache module ${name} is loaded in production (version ${b}) but not in staging: its commands fail there`, null, b!));
    else if (b === undefined) out.push(obs(subject, "missing-in-production", "high", `Cache module ${name} is loaded in staging (version ${a}) but not in production: its commands fail there`, a, null));
    else if (a !== b) out.push(obs(subject, "version", "medium", `Cache module ${name} differs in version (staging ${a}, production ${b})`, a, b));
  }
  return out;
}

function compareCommands(s: CacheSnapshot, p: CacheSnapshot, ignored: (name: string, subject: string) => boolean): Observation[] {
  if (!s.missingCommands || !p.missingCommands) return [];
  const out: Observation[] = [];
  const [inS, inP] = [new Set(s.missingCommands), new Set(p.missingCommands)];
  for (const name of [...new Set([...inS, ...inP])].sort()) {
    if (inS.has(name) && inP.has(name)) continue;
    const subject = `command:${name}`;
    if (ignored(name, subject)) continue;
    const side = inS.has(name) ? "staging" : "production";
    const other = side === "staging" ? "production" : "staging";
    const severity: Severity = ADMIN_COMMANDS.has(name) ? "low" : "medium";
    const message = `Cache command ${name} is renamed or disabled in ${side} but available in ${other}: a call that works in ${other} fails in ${side}`;
    out.push(obs(subject, `missing-in-${side}`, severity, message, side === "staging" ? "unavailable" : "available", side === "staging" ? "available" : "unavailable"));
  }
  return out;
}

function obs(subject: string, aspect: string, severity: Severity, message: string, staging: Observation["staging"], production: Observation["production"]): Observation {
  return { subject, aspect, severity, message, staging, production };
}

function show(value: string): string {
  return value === "" ? "empty" : value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
