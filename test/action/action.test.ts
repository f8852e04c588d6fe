import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { Log } from "sarif";
import { repoRoot } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

const script = path.join(repoRoot, "scripts/action/run.mjs");

interface Step {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  env: string;
  summary: string;
  dir: string;
}

/** Reads `name<<DELIMITER … DELIMITER` blocks as the runner does. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join("\n");
  }
  return out;
}

/** Runs the action's audit step as the runner would: inputs as INPUT_*, its files set to real files. */
async function runStep(fixture: string, inputs: Record<string, string>): Promise<Step> {
  const dir = await tempFolder("parity-action-");
  await cp(path.join(repoRoot, "test/fixtures", fixture), dir, { recursive: true });
  const files = { GITHUB_OUTPUT: path.join(dir, ".output"), GITHUB_STEP_SUMMARY: path.join(dir, ".summary"), GITHUB_ENV: path.join(dir, ".env") };
  for (const f of Object.values(files)) await writeFile(f, "");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", GITHUB_WORKSPACE: dir, ...files, GITHUB_ACTIONS: "true" };
  // The runner hands the step every input, defaults from action.yml included.
  const defaults = Object.fromEntries(Object.entries(action.inputs as Record<string, { default?: string }>).map(([k, v]) => [k, v.default ?? ""]));
  for (const [k, v] of Object.entries({ ...defaults, ...inputs })) env[`INPUT_${k.toUpperCase().replace(/-/g, "_")}`] = v;
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (c) => resolve({ code: c, stdout, stderr }));
  });
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.GITHUB_OUTPUT, "utf8")), env: await readFile(files.GITHUB_ENV, "utf8"), summary: await readFile(files.GITHUB_STEP_SUMMARY, "utf8"), dir };
}

const action = parse(await readFile(path.join(repoRoot, "action.yml"), "utf8"));

describe("the GitHub Action's audit step (scripts/action/run.mjs)", () => {
  it("runs one audit: step summary, annotations, SARIF, JSON, a comment body, and the outputs", async () => {
    const step = await runStep("config-drift", { map: "parity-map.yaml", "fail-on": "default", json: "out/parity.json", sarif: "parity.sarif", "pr-comment": "comment.md", history: "off" });
    expect(step.code).toBe(1);
    expect(step.outputs).toEqual({
      gate: "failed",
      "exit-code": "1",
      summary: "Gate (default): FAILED, exit 1 — 1 undeclared difference (1 pair)",
      undeclared: "1",
      "open-high-impact": "0",
      declared: "1",
      "probe-errors": "0",
      stale: "1",
      blocking: "1",
      json: "out/parity.json",
      sarif: "parity.sarif",
      "pr-comment": "comment.md",
    });
    expect(step.summary).toMatch(/^# Parity audit: payments\n\n\*\*Gate \(default\): FAILED, exit 1/);
    expect(step.stdout).toMatch(/^::error file=parity-map\.yaml,title=parity%3A gate failed::Gate \(default\): FAILED, exit 1/m);
    expect(step.stdout).toMatch(/^::error file=parity-map\.yaml,.*PAYMENT_TIMEOUT_MS/m);
    const sarif = JSON.parse(await readFile(path.join(step.dir, "parity.sarif"), "utf8")) as Log;
    expect(sarif.runs[0]!.results!.some((r) => r.ruleId === "undeclared-gap")).toBe(true);
    expect(JSON.parse(await readFile(path.join(step.dir, "out/parity.json"), "utf8")).verdict.exitCode).toBe(1);
    expect(await readFile(path.join(step.dir, "comment.md"), "utf8")).toMatch(/^<!-- parity-pr-comment service="payments" map="parity-map.yaml" -->\n### ❌ Parity: payments/);
    expect(step.env).toBe(`PARITY_AUDIT_JSON=${path.join(step.dir, "out/parity.json")}\nPARITY_SARIF=${path.join(step.dir, "parity.sarif")}\nPARITY_PR_COMMENT=${path.join(step.dir, "comment.md")}\n`);
  });

  it("passes the step when the gate passes (fail-on never), saves history by default, and still counts what it saw", async () => {
    const step = await runStep("config-drift", { map: "parity-map.yaml", "fail-on": "never" });
    expect(step.code).toBe(0);
    expect(step.outputs).toMatchObject({ gate: "passed", "exit-code": "0", undeclared: "1", json: "parity.json", sarif: "parity.sarif", "pr-comment": "parity-pr-comment.md" });
    const comment = await readFile(path.join(step.dir, "parity-pr-comment.md"), "utf8");
    expect(comment).toContain("_The first saved audit of this map: nothing to compare with yet._");
    expect((await readdir(path.join(step.dir, ".parity/history"))).filter((n) => n.endsWith(".json"))).toHaveLength(1);
  });

  it("the install step uses a checkout that is already built, and installs nothing then", async () => {
    const result = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(repoRoot, "scripts/action/install.mjs")], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", () => resolve(out));
    });
    expect(result).toBe(`parity: using the built CLI in ${repoRoot}\n`);
  });

  it("a map that cannot be read: exit 2, gate error, the problem annotated on the map", async () => {
    const step = await runStep("config-drift", { map: "no-such-map.yaml" });
    expect(step.code).toBe(2);
    expect(step.outputs).toMatchObject({ gate: "error", "exit-code": "2", json: "", sarif: "" });
    expect(step.stdout).toMatch(/^::error file=no-such-map\.yaml,title=parity%3A map problem::cannot read the map: no such file/m);
  });

  it("passes --pair and the extra report files through", async () => {
    const step = await runStep("scenarios/regions", { pair: "us", junit: "parity.xml", html: "parity.html", history: "off" });
    expect(step.code).toBe(0);
    const audit = JSON.parse(await readFile(path.join(step.dir, "parity.json"), "utf8"));
    expect(audit.pairs.map((p: { name: string }) => p.name)).toEqual(["us"]);
    expect(await readFile(path.join(step.dir, "parity.xml"), "utf8")).toMatch(/^<\?xml/);
    expect(await readFile(path.join(step.dir, "parity.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
  });
});

describe("action.yml", () => {
  const steps = action.runs.steps as Array<{ id?: string; run?: string; env?: Record<string, string>; shell?: string }>;
  const audit = steps.find((s) => s.id === "audit")!;

  it("is a composite action whose steps call the scripts, each with a shell", () => {
    expect(action.runs.using).toBe("composite");
    expect(steps.map((s) => s.run)).toEqual(['node "$GITHUB_ACTION_PATH/scripts/action/install.mjs"', 'node "$GITHUB_ACTION_PATH/scripts/action/run.mjs"']);
    for (const s of steps) expect(s.shell).toBe("bash");
  });

  it("hands every input to the script, and nothing it does not declare", () => {
    const inputs = Object.keys(action.inputs);
    expect(Object.keys(audit.env!).sort()).toEqual(inputs.map((i) => `INPUT_${i.toUpperCase().replace(/-/g, "_")}`).sort());
    for (const [name, value] of Object.entries(audit.env!)) expect(value).toBe(`\${{ inputs.${Object.keys(action.inputs).find((i) => `INPUT_${i.toUpperCase().replace(/-/g, "_")}` === name)} }}`);
    for (const i of inputs) expect(action.inputs[i].description, i).toBeTruthy();
  });

  it("maps every output to one the script writes", async () => {
    const step = await runStep("config-drift", { history: "off" });
    for (const [name, spec] of Object.entries(action.outputs as Record<string, { value: string; description: string }>)) {
      expect(spec.value).toBe(`\${{ steps.audit.outputs.${name} }}`);
      expect(step.outputs, name).toHaveProperty(name);
      expect(spec.description, name).toBeTruthy();
    }
    expect(Object.keys(step.outputs).sort()).toEqual(Object.keys(action.outputs).sort());
  });
});

describe("the example workflow and the GitLab template", () => {
  it("GitHub: a matrix over maps on a schedule, SARIF upload per map, a sticky comment, merged by parity fleet", async () => {
    const wf = parse(await readFile(path.join(repoRoot, "examples/github/parity-fleet.yml"), "utf8"));
    expect(wf.on.schedule[0].cron).toMatch(/^[\d*,\- /]+$/);
    const auditJob = wf.jobs.audit;
    expect(auditJob.strategy.matrix.map.length).toBeGreaterThan(1);
    expect(auditJob.strategy["fail-fast"]).toBe(false);
    const uses = auditJob.steps.map((s: { uses?: string }) => s.uses).filter(Boolean);
    expect(uses).toEqual(expect.arrayContaining(["actions/checkout@v4", "your-org/parity@v1", "github/codeql-action/upload-sarif@v3", "actions/upload-artifact@v4"]));
    const parity = auditJob.steps.find((s: { id?: string }) => s.id === "parity");
    for (const key of Object.keys(parity.with)) expect(Object.keys(action.inputs), key).toContain(key);
    const upload = auditJob.steps.find((s: { uses?: string }) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
    expect(upload.if).toContain("always()");
    expect(upload.with.sarif_file).toBe("${{ steps.parity.outputs.sarif }}");
    expect(upload.with.category).toContain("matrix.map");
    for (const ref of JSON.stringify(wf).match(/steps\.parity\.outputs\.[\w-]+/g) ?? []) expect(Object.keys(action.outputs)).toContain(ref.split(".").pop());
    expect(wf.jobs.fleet.needs).toBe("audit");
    expect(wf.jobs.fleet.if).toBe("always()");
    expect(wf.jobs.fleet.steps.map((s: { run?: string }) => s.run ?? "").join("\n")).toMatch(/parity@1 fleet audits\/ --format markdown >> "\$GITHUB_STEP_SUMMARY"/);
    expect(wf.permissions["security-events"]).toBe("write");
  });

  it("GitLab: a parallel matrix over maps, JUnit reports, and a fleet job that needs them", async () => {
    const ci = parse(await readFile(path.join(repoRoot, "examples/gitlab/parity.gitlab-ci.yml"), "utf8"));
    expect(ci.stages).toEqual(["audit", "fleet"]);
    const job = ci["parity:audit"];
    expect(job.parallel.matrix.length).toBeGreaterThan(1);
    expect(job.parallel.matrix.every((m: { MAP?: string }) => typeof m.MAP === "string")).toBe(true);
    expect(job.script.join("\n")).toContain('npx parity audit --map "$MAP"');
    expect(job.artifacts.when).toBe("always");
    expect(job.artifacts.reports.junit).toBe("parity-*.xml");
    const fleet = ci["parity:fleet"];
    expect(fleet.needs).toEqual(["parity:audit"]);
    expect(fleet.script.join("\n")).toContain("npx parity fleet audits/");
  });
});
