import type { Audit, BlockingItem, Finding, PairAudit, ProbeRun } from "../types.js";
import { DIMENSIONS } from "../types.js";
import type { ReportOptions } from "./options.js";
import { RATING_TEXT, SECTION_TEXT, dimensionWords, entryOf, entryState, pairSections, riskText } from "./sections.js";
import { formatValue } from "./text.js";
import { BLOCK_TEXT, blockingFindings, gateResult, probeNote, snapshotLines } from "./verdict-text.js";
import { openTag, xmlText } from "./xml.js";

type Outcome = { kind: "pass"; out?: string } | { kind: "failure" | "error"; type: string; message: string; body: string } | { kind: "skipped"; message: string };

interface Case {
  classname: string;
  name: string;
  seconds: number;
  outcome: Outcome;
}

function evidence(f: Finding): string {
  if (!f.evidence) return "";
  return `\nstaging: ${formatValue(f.evidence.staging, 400)}\nproduction: ${formatValue(f.evidence.production, 400)}`;
}

function entryText(f: Finding): string {
  const entry = entryOf(f);
  if (!entry) return "";
  const mitigation = entry.mitigation ? `\nmitigation: ${entry.mitigation}` : "";
  return `\nmap entry ${entry.id}: ${entry.summary}\n${entryState(entry)}${mitigation}`;
}

/**
 * A finding fails exactly when the verdict lists it as blocking, so CI's failure count and the
 * gate agree; everything else passes with its story in system-out, or is skipped when it is a
 * doubt about the map or an input rather than a result.
 */
function findingCase(pair: PairAudit, f: Finding, blocking: Map<string, BlockingItem>): Case {
  const classname = `parity.${pair.name}.${f.probe || "map"}`;
  const name = f.kind === "manual-entry" || f.kind === "stale-entry" ? `${f.kind === "stale-entry" ? "stale" : "manual"}: ${f.entry.id}` : `${f.subject} [${f.aspect}]`;
  const risk = f.risk ? `, ${riskText(f.risk)}` : "";
  const detail = `${f.message}\ndimension: ${dimensionWords(f)}${risk}${evidence(f)}${entryText(f)}`;
  const base = { classname, name, seconds: 0 };
  const item = blocking.get(f.id);
  if (item) {
    const words = BLOCK_TEXT[item.reason];
    const what = item.entry ? `${words.what} (${item.entry})` : words.what;
    return { ...base, outcome: { kind: "failure", type: item.reason, message: `${what}: ${f.message}`, body: `${detail}\n${words.fix}` } };
  }
  switch (f.kind) {
    case "gap":
      return { ...base, outcome: { kind: "pass", out: `${f.declared ? `declared difference (${f.entry?.id})` : "undeclared difference, not blocking at this gate"}: ${detail}` } };
    case "stale-entry":
      return { ...base, outcome: { kind: "skipped", message: `map entry ${f.entry.id} may be outdated: ${f.message}` } };
    case "unreadable":
      return { ...base, outcome: { kind: "skipped", message: `input could not be read: ${f.message}` } };
    case "manual-entry":
      return { ...base, outcome: { kind: "pass", out: `manual map entry, not verified by a probe: ${detail}` } };
    case "measurement":
      // An inconclusive look's message already says so ("inconclusive: …").
      return { ...base, outcome: { kind: "pass", out: `${f.inconclusive ? "" : "measurement: "}${detail}` } };
    case "probe-error":
      return { ...base, outcome: { kind: "error", type: "probe-error", message: f.message, body: detail } };
  }
}

function probeCase(pair: PairAudit, run: ProbeRun): Case {
  const base = { classname: `parity.${pair.name}.probes`, name: `probe ${run.id} (${run.kind})`, seconds: run.durationMs / 1000 };
  const note = probeNote(run);
  if (run.status === "error") {
    const reason = run.error ?? "the probe failed without a reason";
    return { ...base, outcome: { kind: "error", type: "probe-error", message: reason, body: `${note}\n${SECTION_TEXT["probe-error"].fix}` } };
  }
  if (run.status === "skipped") return { ...base, outcome: { kind: "skipped", message: run.error ?? "probe skipped" } };
  return { ...base, outcome: note ? { kind: "pass", out: note } : { kind: "pass" } };
}

/**
 * A probe's error finding is the same fact as its failed run: it is reported once, on the
 * probe's testcase, so CI's error count equals the number of probes that could not run.
 */
function pairCases(pair: PairAudit, blocking: Map<string, BlockingItem>): Case[] {
  const probes = pair.probes.map((run) => probeCase(pair, run));
  const findings = pairSections(pair)
    .flatMap((s) => s.findings)
    .filter((f) => f.kind !== "probe-error")
    .map((f) => findingCase(pair, f, blocking));
  return [...probes, ...findings];
}

/**
 * The gate as the first test case: it fails when the verdict does, with the verdict's line.
 * With several pairs, one more case per pair follows: the matrix's gate column.
 */
function gateCases(audit: Audit): Case[] {
  const { verdict } = audit;
  const items = (ids?: string[]) =>
    verdict.blocking
      .filter((b) => !ids || ids.includes(b.id))
      .map((b) => `${b.reason}: ${b.entry ?? b.findings.join(", ")}`)
      .join("\n");
  const base = { classname: "parity.gate", name: `gate (${verdict.gate})`, seconds: 0 };
  const total: Case = verdict.passed
    ? { ...base, outcome: { kind: "pass", out: verdict.summary } }
    : { ...base, outcome: { kind: "failure", type: "gate", message: verdict.summary, body: `${verdict.summary}\n${items()}` } };
  if (audit.pairs.length < 2) return [total];
  const perPair = audit.pairs.map((pair): Case => {
    const v = verdict.byPair[pair.name]!;
    const line = `${pair.name}: ${gateResult(v.passed, v.exitCode)}`;
    const name = `gate (${verdict.gate}) ${pair.name}`;
    return v.passed ? { ...base, name, outcome: { kind: "pass", out: line } } : { ...base, name, outcome: { kind: "failure", type: "gate", message: line, body: `${line}\n${items(v.blocking)}` } };
  });
  return [total, ...perPair];
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

/** JUnit XML for CI test tabs: the gate first, then per pair its probes and findings; blocking findings fail. */
export function renderJunit(audit: Audit, _options?: ReportOptions): string {
  const timestamp = audit.generatedAt.replace(/\.\d+Z$|Z$/, "");
  const blocking = blockingFindings(audit);
  const sources = snapshotLines(audit).map((line): [string, string] => ["snapshot", line]);
  const gate = { name: `parity ${audit.service} gate`, cases: gateCases(audit), props: [["gate", audit.verdict.gate], ["verdict", audit.verdict.summary], ...sources] as Array<[string, string]> };
  const suites = [
    gate,
    ...audit.pairs.map((pair) => {
      const v = audit.verdict.byPair[pair.name];
      return {
        name: `parity ${audit.service} ${pair.staging} vs ${pair.production}`,
        cases: pairCases(pair, blocking),
        props: [
          ["service", audit.service],
          ["map", audit.map],
          ["parity.version", audit.parityVersion],
          ["pair", pair.name],
          ...(v ? ([["gate", `${audit.verdict.gate}: ${gateResult(v.passed, v.exitCode)}`]] as Array<[string, string]>) : []),
          ...DIMENSIONS.map((d): [string, string] => [`risk.${d}`, `${RATING_TEXT[pair.dimensions[d].rating]} (confidence ${pair.dimensions[d].confidence})`]),
        ] as Array<[string, string]>,
      };
    }),
  ];
  const all = suites.flatMap((s) => s.cases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `${openTag("testsuites", { name: `parity ${audit.service}`, ...counts(all) })}>`];
  for (const suite of suites) {
    lines.push(`  ${openTag("testsuite", { name: suite.name, ...counts(suite.cases), timestamp })}>`);
    lines.push("    <properties>");
    for (const [name, value] of suite.props) lines.push(`      ${openTag("property", { name, value })}/>`);
    lines.push("    </properties>");
    for (const c of suite.cases) lines.push(...caseXml(c));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
}
