import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { mapJsonSchema, mapJsonSchemaText } from "../../src/map/json-schema.js";

const committed = path.join(import.meta.dirname, "../../schema/parity-map.schema.json");

describe("the map's JSON Schema", () => {
  it("is draft-07, for yaml-language-server", () => {
    expect(mapJsonSchema().$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("carries descriptions editors show on hover", () => {
    const schema = mapJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(schema.properties.differences!.description).toMatch(/known differences/);
    expect(JSON.stringify(schema)).toContain("Glob over observation subjects");
  });

  it("lists every registered probe kind", async () => {
    const { probes } = await import("../../probes/index.js");
    const text = JSON.stringify(mapJsonSchema());
    for (const probe of probes) expect(text).toContain(`"const":"${probe.kind}"`);
  });

  it("matches the committed schema/parity-map.schema.json (regenerate with `npm run docs`)", () => {
    expect(mapJsonSchemaText()).toBe(readFileSync(committed, "utf8"));
  });
});
