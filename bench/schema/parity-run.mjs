// One parity schema comparison as its own process (so its wall time and peak memory are
// measured like the other tools'): collect both sides in parallel, as the runner does, then compare.
// Usage: node parity-run.mjs BUILD_DIR STAGING_URL PRODUCTION_URL
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [build, stagingUrl, productionUrl] = process.argv.slice(2);
const { schemaProbe } = await import(pathToFileURL(join(build, "probes/schema/index.js")).href);
const options = { ignore: [], owners: false, grants: false, comments: false, columnOrder: false, extensionVersions: true };
const ctx = (side) => ({
  probeId: "bench", options, signal: AbortSignal.timeout(600_000), timeoutMs: 300_000, side, mapDir: process.cwd(),
  shared: () => { throw new Error("unused"); },
});
const [s, p] = await Promise.all([
  schemaProbe.collect({ name: "staging", database: { url: stagingUrl } }, ctx("staging")),
  schemaProbe.collect({ name: "production", database: { url: productionUrl } }, ctx("production")),
]);
const observations = schemaProbe.compare(s, p, { probeId: "bench", options, staging: { name: "staging" }, production: { name: "production" }, differenceIds: [], now: new Date() });
process.stdout.write(JSON.stringify({ statements: [s.statements, p.statements], objects: s.objects.length, observations: observations.length }) + "\n");
