import { z } from "zod";
import { mapSchema } from "./schema.js";

/**
 * The map's JSON Schema for editors. draft-07 because yaml-language-server reads it (zod 4
 * emits 2020-12 unless told); `io: "input"` so fields with defaults are optional, as users
 * write them.
 */
export function mapJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(mapSchema, { target: "draft-7", io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, $id: "https://parity.dev/schema/parity-map.schema.json", title: "parity map" };
}

export function mapJsonSchemaText(): string {
  return `${JSON.stringify(mapJsonSchema(), null, 2)}\n`;
}
