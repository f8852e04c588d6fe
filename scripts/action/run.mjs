#!/usr/bin/env node
// The action's audit step: one `parity audit` (its step summary and annotations come from the
// CLI itself, which sees GITHUB_ACTIONS=true), the SARIF and JSON files from that same probe
// run, a pull-request comment body rendered from the saved JSON (no second audit), then the
// outputs in $GITHUB_OUTPUT and the files' paths in $GITHUB_ENV. Exits with parity's own code,
// so the step fails when the gate does; later steps that must run anyway use `if: always()`.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const actionRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const env = process.env;
const input = (name, fallback = "") => (env[`INPUT_${name.toUpperCase().replace(/-/g, "_")}`] ?? fallback).trim();
const cli = env.PARITY_CLI ?? join(actionRoot, "dist/bundle/parity.js");
const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
const at = (file) => (isAbsolute(file) ? file : join(workspace, file));

/** `name<<DELIMITER` blocks: safe for any value, even one with a newline in it. */
function setOutputs(values) {
  const file = env.GITHUB_OUTPUT;
  const lines = Object.entries(values).map(([name, value]) => {
    const delimiter = `parity_${randomUUID()}`;
    return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  });
  if (file) appendFileSync(file, lines.join(""));
  else for (const [name, value] of Object.entries(values)) console.log(`${name}=${value}`);
}

function setEnv(values) {
  if (!env.GITHUB_ENV) return;
  appendFileSync(env.GITHUB_ENV, Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join(""));
}

function parity(args) {
  // The CLI writes the step summary and prints workflow commands (annotations) itself.
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: workspace, stdio: "inherit", env: { ...env, GITHUB_ACTIONS: "true" } });
  if (result.error) throw result.error;
  return result.status ?? 70;
}

const map = input("map", "parity-map.yaml");
const json = input("json", "parity.json");
const sarif = input("sarif", "parity.sarif");
const prComment = input("pr-comment", "parity-pr-comment.md");
const history = input("history");
const args = ["audit", "--map", map, "--fail-on", input("fail-on", "default"), "--out", json, "--out", sarif];
if (input("pair")) args.push("--pair", input("pair"));
for (const extra of ["junit", "html"]) if (input(extra)) args.push("--out", input(extra));
if (/^(off|false|no|none)$/i.test(history)) args.push("--no-history");
else if (history) args.push("--history", history);

// Report files may go into folders of their own (audits/payments.json): make them, as CI expects.
for (const file of [json, sarif, prComment, input("junit"), input("html")].filter(Boolean)) mkdirSync(dirname(at(file)), { recursive: true });

const code = parity(args);
let audit;
if (existsSync(at(json))) {
  try {
    audit = JSON.parse(readFileSync(at(json), "utf8"));
  } catch {
    audit = undefined;
  }
}

if (!audit?.verdict) {
  // Exit 2 (a map problem, a bad input): the CLI has said why, as annotations on the map.
  setOutputs({ gate: "error", "exit-code": code, summary: `parity could not audit (exit ${code}); see the annotations`, undeclared: 0, "open-high-impact": 0, declared: 0, "probe-errors": 0, stale: 0, blocking: 0, json: "", sarif: "", "pr-comment": "" });
  process.exit(code === 0 ? 2 : code);
}

let commentFile = "";
if (prComment) {
  // Rendered from the saved audit: the same figures as every other file, no target touched again.
  const rendered = spawnSync(process.execPath, [cli, "report", "--from", at(json), "--format", "pr-comment", "--out", at(prComment)], { cwd: workspace, stdio: ["ignore", "inherit", "pipe"], env: { ...env, GITHUB_ACTIONS: "false" } });
  if (rendered.status === 0 || rendered.status === 1 || rendered.status === 3) commentFile = prComment;
  else console.log(`::warning title=parity::could not write the pull-request comment to ${prComment}: ${String(rendered.stderr ?? "").trim()}`);
}

const { verdict } = audit;
setOutputs({
  gate: verdict.passed ? "passed" : "failed",
  "exit-code": verdict.exitCode,
  summary: verdict.summary,
  undeclared: verdict.counts.undeclared,
  "open-high-impact": verdict.counts.openHighImpact,
  declared: verdict.counts.declared,
  "probe-errors": verdict.counts.probeErrors,
  stale: verdict.counts.stale,
  blocking: verdict.blocking.length,
  json,
  sarif,
  "pr-comment": commentFile,
});
setEnv({ PARITY_AUDIT_JSON: at(json), PARITY_SARIF: at(sarif), ...(commentFile ? { PARITY_PR_COMMENT: at(commentFile) } : {}) });
process.exit(code);
