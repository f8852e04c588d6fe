// Regenerates the committed JSON Schema and the README's map reference from the zod schema.
// Run with `npm run docs` (it builds first).
import { readFileSync, writeFileSync } from "node:fs";
import { mapJsonSchemaText } from "../dist/src/map/json-schema.js";
import { withReference } from "../dist/src/map/reference.js";

writeFileSync(new URL("../schema/parity-map.schema.json", import.meta.url), mapJsonSchemaText());
const readme = new URL("../README.md", import.meta.url);
writeFileSync(readme, withReference(readFileSync(readme, "utf8")));
console.log("wrote schema/parity-map.schema.json and README.md's map reference");
