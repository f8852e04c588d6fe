import { mapJsonSchemaText } from "../../map/json-schema.js";

export async function schemaCommand(): Promise<number> {
  process.stdout.write(mapJsonSchemaText());
  return 0;
}
