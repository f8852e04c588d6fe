// Regenerates the committed JSON Schema and the README's map reference from the zod schema.
// Run with `npm run docs` (it builds first).
import { readFileSync, writeFileSync } from "node:fs";
import { mapJsonSchemaText } from "../dist/src/map/json-schema.js";
import { withReference } from "../dist/src/map/reference.js";
import { auditJsonSchemaText } from "../dist/src/assess/audit-schema.js";

writeFileSync(new URL("../schema/parity-map.schema.json", import.meta.url), mapJsonSchemaText());
writeFileSync(new URL("../schema/audit.schema.json", import.meta.url), auditJsonSchemaText());
const readme = new URL("../README.md", import.meta.url);
writeFileSync(readme, withReference(readFileSync(readme, "utf8")));
console.log("wrote schema/parity-map.schema.json, schema/audit.schema.json and README.md's map reference");
