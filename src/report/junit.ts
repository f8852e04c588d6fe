import type { Audit, Finding, PairAudit, ProbeRun } from "../types.js";
import { DIMENSIONS } from "../types.js";
import type { ReportOptions } from "./options.js";
import { SECTION_TEXT, entryState, groupFindings, sectionOf } from "./sections.js";
import { formatValue } from "./text.js";
import { openTag, xmlText } from "./xml.js";

type Outcome = { kind: "pass"; out?: string } | { kind: "failure" | "error"; type: string; message: string; body: string } | { kind: "skipped"; message: string };

interface Case {
  classname: string;
  name: string;
  seconds: number;
  outcome: Outcome;
}

function evidence(f: Finding): string {
  if (f.staging === null && f.production === null) return "";
  return `\nstaging: ${formatValue(f.staging, 400)}\nproduction: ${formatValue(f.production, 400)}`;
}

function entryText(f: Finding): string {
  if (!f.entry) return "";
  const mitigation = f.entry.mitigation ? `\nmitigation: ${f.entry.mitigation}` : "";
  return `\nmap entry ${f.entry.id}: ${f.entry.summary}\n${entryState(f.entry)}${mitigation}`;
}

function findingCase(pair: PairAudit, f: Finding): Case {
  const section = sectionOf(f);
  const classname = `parity.${pair.name}.${f.probe || "map"}`;
  const name = section === "manual" || section === "stale" ? `${section}: ${f.difference ?? f.subject}` : `${f.subject} [${f.aspect}]`;
  const detail = `${f.message}\ndimension: ${f.dimension}, severity: ${f.severity}${evidence(f)}${entryText(f)}`;
  let outcome: Outcome;
  switch (section) {
    case "undeclared":
      outcome = { kind: "failure", type: "undeclared", message: `undeclared difference: ${f.message}`, body: `${detail}\n${SECTION_TEXT.undeclared.fix}` };
      break;
    case "open-high":
      outcome = { kind: "failure", type: "open-high-impact", message: `open high-impact difference (${f.difference}): ${f.message}`, body: `${detail}\n${SECTION_TEXT["open-high"].fix}` };
      break;
    case "stale":
      outcome = { kind: "skipped", message: `map entry ${f.difference} may be outdated: ${f.message}` };
      break;
    case "error":
      outcome = { kind: "error", type: "probe-error", message: f.message, body: detail };
      break;
    case "declared":
      outcome = { kind: "pass", out: `declared difference (${f.difference}): ${detail}` };
      break;
    case "manual":
      outcome = { kind: "pass", out: `manual map entry, not verified by a probe: ${detail}` };
      break;
    case "measurement":
      outcome = { kind: "pass", out: `measurement: ${detail}` };
      break;
  }
  return { classname, name, seconds: 0, outcome };
}

function probeCase(pair: PairAudit, run: ProbeRun, errorFinding: Finding | undefined): Case {
  const base = { classname: `parity.${pair.name}.probes`, name: `probe ${run.id} (${run.kind})`, seconds: run.durationMs / 1000 };
  if (run.status === "error") {
    const reason = run.error ?? errorFinding?.message ?? "the probe failed without a reason";
    const side = run.side ? `\nside: ${run.side}` : "";
    return { ...base, outcome: { kind: "error", type: "probe-error", message: reason, body: `${reason}${side}\n${SECTION_TEXT.error.fix}` } };
  }
  if (run.status === "skipped") return { ...base, outcome: { kind: "skipped", message: run.error ?? "probe skipped" } };
  return { ...base, outcome: { kind: "pass" } };
}

/**
 * A probe's error finding is the same fact as its failed run: it is reported once, on the
 * probe's testcase, so CI's error count equals the number of probes that could not run.
 */
function pairCases(pair: PairAudit): Case[] {
  const failed = new Set(pair.probes.filter((r) => r.status === "error").map((r) => r.id));
  const errorFindings = new Map(pair.findings.filter((f) => f.class === "error").map((f) => [f.probe, f]));
  const probes = pair.probes.map((run) => probeCase(pair, run, errorFindings.get(run.id)));
  const groups = groupFindings(pair);
  const ordered = [...groups.undeclared, ...groups["open-high"], ...groups.declared, ...groups.stale, ...groups.manual, ...groups.error, ...groups.measurement];
  const findings = ordered.filter((f) => !(f.class === "error" && failed.has(f.probe))).map((f) => findingCase(pair, f));
  return [...probes, ...findings];
}

function caseXml(c: Case): string[] {
  const open = `    ${openTag("testcase", { classname: c.classname, name: c.name, time: c.seconds.toFixed(3) })}`;
  const o = c.outcome;
  if (o.kind === "pass") return o.out ? [`${open}>`, `      <system-out>${xmlText(o.out)}</system-out>`, "    </testcase>"] : [`${open}/>`];
  if (o.kind === "skipped") return [`${open}>`, `      ${openTag("skipped", { message: o.message })}/>`, "    </testcase>"];
  return [`${open}>`, `      ${openTag(o.kind, { message: o.message, type: o.type })}>${xmlText(o.body)}</${o.kind}>`, "    </testcase>"];
}

function counts(cases: Case[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome.kind === "failure").length,
    errors: cases.filter((c) => c.outcome.kind === "error").length,
    skipped: cases.filter((c) => c.outcome.kind === "skipped").length,
    time: cases.reduce((sum, c) => sum + c.seconds, 0).toFixed(3),
  };
}

/** JUnit XML for CI test tabs: failures gate, declared gaps pass with their reason, stale entries skip. */
export function renderJunit(audit: Audit, _options?: ReportOptions): string {
  const timestamp = audit.generatedAt.replace(/\.\d+Z$|Z$/, "");
  const suites = audit.pairs.map((pair) => ({ pair, cases: pairCases(pair) }));
  const all = suites.flatMap((s) => s.cases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `${openTag("testsuites", { name: `parity ${audit.service}`, ...counts(all) })}>`];
  for (const { pair, cases } of suites) {
    lines.push(`  ${openTag("testsuite", { name: `parity ${audit.service} ${pair.staging} vs ${pair.production}`, ...counts(cases), timestamp })}>`);
    lines.push("    <properties>");
    const props: Array<[string, string]> = [
      ["service", audit.service],
      ["map", audit.map],
      ["parity.version", audit.parityVersion],
      ...DIMENSIONS.map((d): [string, string] => [`rating.${d}`, `${pair.dimensions[d].rating} (confidence ${pair.dimensions[d].confidence})`]),
    ];
    for (const [name, value] of props) lines.push(`      ${openTag("property", { name, value })}/>`);
    lines.push("    </properties>");
    for (const c of cases) lines.push(...caseXml(c));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}
