import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { collect, compare, FIXTURES, options, rows } from "./helpers.js";
import { shuffleLists } from "./shuffle.js";

// The environment's name is inside resource names ("payments-api-staging"): declared once.
const tf = options({ preset: "terraform", equivalents: { production: { staging: "staging" } } });
const plain = options({ preset: "terraform" });
const STATE = (side: string) => ({ file: `terraform/${side}.state.json` });

describe("infra probe, terraform preset (real terraform show -json)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "parity-infra-tf-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function variant(name: string, change: (state: Record<string, any>) => unknown): Promise<string> {
    const state = JSON.parse(await readFile(join(FIXTURES, "terraform/staging.state.json"), "utf8"));
    const out = change(state) ?? state;
    const file = join(dir, `${name}.json`);
    await writeFile(file, JSON.stringify(out));
    return file;
  }

  it("reports sizes, counts and scaling first, keyed by address with module paths; ids, ARNs, timestamps and tags_all left out", async () => {
    const observations = compare(await collect("staging", STATE("staging"), tf), await collect("production", STATE("production"), tf), tf);
    expect(rows(observations)).toEqual([
      "high module.api.terraform_data.autoscaling_group input.max_size",
      "high module.api.terraform_data.autoscaling_group input.min_size",
      "high module.api.terraform_data.launch_template input.instance_type",
      "high module.ledger_db.terraform_data.instance input.allocated_storage",
      "high module.ledger_db.terraform_data.instance input.instance_class",
      "high terraform_data.worker[1] missing-in-staging",
      "high terraform_data.worker[2] missing-in-staging",
      "medium module.ledger_db.terraform_data.instance input.multi_az",
      "low module.ledger_db.terraform_data.master_password input",
      "low (ignored) ignored",
    ]);
    expect(observations[2]!.message).toBe("module.api.terraform_data.launch_template: input.instance_type is t3.medium in staging and m6i.xlarge in production");
    expect(observations.at(-1)!.message).toBe("11 differences in provider-assigned attributes left out: id (6), arn (2), tags_all (2), timestamps (1) (not reported as findings)");
  });

  it("the sensitive password is compared by hash and appears nowhere, though terraform prints it in clear", async () => {
    const raw = await readFile(join(FIXTURES, "terraform/staging.state.json"), "utf8");
    expect(raw).toContain("canary-tf-staging-pw-5d1e");
    const snapshot = await collect("staging", STATE("staging"), tf);
    expect(JSON.stringify(snapshot)).not.toContain("canary-tf");
    const observations = compare(snapshot, await collect("production", STATE("production"), tf), tf);
    expect(JSON.stringify(observations)).not.toContain("canary-tf");
    expect(observations.find((o) => o.subject.endsWith("master_password"))).toMatchObject({ staging: "«redacted»", message: "module.ledger_db.terraform_data.master_password: input differs (secret, compared by hash)" });
  });

  it("every list of a real state shuffled on one side (resources, modules, attribute lists) gives no finding", async () => {
    const file = await variant("shuffled", (state) => shuffleLists(state));
    expect(compare(await collect("staging", STATE("staging"), plain), await collect("production", { command: `cat '${file}'` }, plain), plain)).toEqual([]);
  });

  it.each<[string, (s: Record<string, any>) => void, string, string]>([
    ["an instance type", (s) => (s.values.root_module.child_modules[0].resources[1].values.input.instance_type = "t3.large"), "module.api.terraform_data.launch_template", "input.instance_type"],
    ["a scaling bound", (s) => (s.values.root_module.child_modules[0].resources[0].values.input.max_size = 8), "module.api.terraform_data.autoscaling_group", "input.max_size"],
    ["an engine version", (s) => (s.values.root_module.child_modules[1].resources[0].values.input.engine_version = "16.4"), "module.ledger_db.terraform_data.instance", "input.engine_version"],
    ["a zone in a set", (s) => s.values.root_module.child_modules[0].resources[0].values.input.availability_zones.pop(), "module.api.terraform_data.autoscaling_group", "input.availability_zones"],
    ["a tag", (s) => (s.values.root_module.resources[1].values.input.tags.env = "qa"), "terraform_data.worker[0]", "input.tags.env"],
    ["a resource of a count", (s) => s.values.root_module.resources.pop(), "terraform_data.worker[0]", "missing-in-production"],
  ])("one planted change (%s) on a shuffled state is exactly one finding naming its resource and attribute", async (_what, change, subject, aspect) => {
    const file = await variant(`planted-${aspect.replace(/\W+/g, "-")}`, (state) => {
      change(state);
      return shuffleLists(state);
    });
    const observations = compare(await collect("staging", STATE("staging"), plain), await collect("production", { file }, plain), plain);
    expect(observations.map((o) => [o.subject, o.aspect])).toEqual([[subject, aspect]]);
  });

  it("reads a saved plan's planted values with document: plan", async () => {
    const planOpts = options({ preset: "terraform", document: "plan" });
    const plan = await collect("production", { file: "terraform/production.plan.json" }, planOpts);
    expect(plan.objects["module.api.terraform_data.autoscaling_group"]!.value).toMatchObject({ input: { max_size: 30 } });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["a plan instead of a state", { file: "terraform/production.plan.json" }, /^config file terraform\/production\.plan\.json .*: expected `terraform show -json` of a state \(format_version, values\.root_module\), found a plan \(planned_values, resource_changes\): run `terraform show -json` without a plan file, or set document: plan$/],
    ["a Kubernetes List", { file: "kubernetes/staging.live.json" }, /: expected `terraform show -json` of a state .*, found a List$/],
    ["truncated JSON", { command: "head -c 700 terraform/staging.state.json" }, /^config command "head -c 700 terraform\/staging\.state\.json" is not valid JSON \(line 1, column \d+\)$/],
    ["a failing command", { command: "echo 'Error: No state file was found!' >&2; exit 1" }, /exited with code 1: Error: No state file was found!$/],
  ])("bad input (%s) is a probe error naming the source, the expected shape and what was found", async (_what, source, message) => {
    const error = await collect("staging", source, plain).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(message);
  });
});
