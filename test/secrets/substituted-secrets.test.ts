import { beforeAll, describe, expect, it } from "vitest";
import { everyOutput, expectNone, folder } from "./outputs.js";

// Credentials typed into a config command through variables. On the code this started from,
// both were printed with the command in every format (the command's own redaction knows
// `--password x` and `token=x`, not `-u user:x` or `--secret-access-key x`).
const PW = "hunter2-Pw-7781";
const KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY42";
const map = `version: 1
service: substitutions
environments:
  staging:
    config: { command: "curl -sf -u svc:\${PW} http://127.0.0.1:1/config --namespace \${NS}" }
  production:
    config: { command: "false --profile ops --secret-access-key \${KEY} --namespace \${NS}" }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config }
`;

describe("secrets substituted into a config command", () => {
  let outputs: Record<string, string>;
  beforeAll(async () => {
    const dir = await folder({ "parity-map.yaml": map });
    outputs = await everyOutput(dir, { PW, KEY, NS: "payments-prod" });
  }, 240_000);

  it("the commands really ran and failed, so their text reached the reports", () => {
    expect(outputs["json report"]).toMatch(/config command \\?"curl -sf -u svc:«redacted» http:\/\/127\.0\.0\.1:1\/config --namespace payments-prod\\?" exited with code \d+/);
    expect(outputs["json report"]).toMatch(/--secret-access-key «redacted» --namespace payments-prod/);
  });

  it("never print the substituted values, in any output", () => {
    expectNone(outputs, [PW, KEY, encodeURIComponent(KEY)]);
  });

  it("leave an ordinary name substituted into a command readable", () => {
    expect(outputs["terminal report"]).toContain("--namespace payments-prod");
  });
});
