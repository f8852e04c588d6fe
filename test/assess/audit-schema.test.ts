import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { auditJsonSchema, auditJsonSchemaText } from "../../src/assess/audit-schema.js";
import { renderJson } from "../../src/report/json.js";
import { SCENARIOS, scenarioAudit } from "../report/load.js";

const committed = readFileSync(path.join(import.meta.dirname, "../../schema/audit.schema.json"), "utf8");

describe("the JSON report's schema (schema/audit.schema.json)", () => {
  it("is committed as the code generates it (regenerate with `npm run docs`)", () => {
    expect(auditJsonSchemaText()).toBe(committed);
  });

  // An independent validator, so the generated schema is checked against real audits and not only against zod.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(committed));

  it.each(SCENARIOS)("accepts the audit the engine writes for %s", async (name) => {
    const audit = JSON.parse(renderJson(await scenarioAudit(name)));
    const ok = validate(audit);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects a version 1 audit and a finding without a kind", async () => {
    const audit = JSON.parse(renderJson(await scenarioAudit("all-clear")));
    expect(validate({ ...audit, schemaVersion: 1 })).toBe(false);
    const finding = { ...audit.pairs[0].findings[0] };
    delete finding.kind;
    expect(validate({ ...audit, pairs: [{ ...audit.pairs[0], findings: [finding] }] })).toBe(false);
  });

  it("is draft-07, for the editors and validators that read it", () => {
    expect(auditJsonSchema()).toMatchObject({ $schema: "http://json-schema.org/draft-07/schema#", title: "parity audit" });
  });
});
