import { describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { collect, compare, options } from "./helpers.js";

const lockfile = options({ preset: "lockfile" });
const sbom = options({ preset: "sbom" });

async function observe(opts: ReturnType<typeof options>, staging: string, production: string) {
  return compare(await collect("staging", { file: staging }, opts), await collect("production", { file: production }, opts), opts);
}

const npmStory = [
  ["debug", "version", "high", "production runs debug 4.3.7, a version staging never ran (staging: 4.3.4)"],
  ["ms", "version", "high", "production runs ms 2.1.3, a version staging never ran (staging: 2.1.2)"],
  ["picocolors", "missing-in-staging", "high", "production has picocolors 1.1.1, which staging never ran"],
  ["picomatch", "missing-in-production", "medium", "staging has picomatch 4.0.2, which production does not"],
];

describe("infra probe, lockfile and sbom presets (npm's own lockfile and SBOMs)", () => {
  it("package-lock.json: versions production runs that staging never ran, and one-side-only packages, by name", async () => {
    const observations = await observe(lockfile, "lockfiles/npm-staging/package-lock.json", "lockfiles/npm-production/package-lock.json");
    expect(observations.map((o) => [o.subject, o.aspect, o.severity, o.message])).toEqual(npmStory);
  });

  it.each([
    ["CycloneDX", "lockfiles/staging.cdx.json", "lockfiles/production.cdx.json"],
    ["SPDX", "lockfiles/staging.spdx.json", "lockfiles/production.spdx.json"],
  ])("a %s SBOM tells the same story (the project itself is not a package)", async (_format, staging, production) => {
    const observations = await observe(sbom, staging, production);
    expect(observations.map((o) => [o.subject, o.aspect, o.severity, o.message])).toEqual(npmStory);
  });

  it("requirements.txt (pip-compile) with PEP 503 names", async () => {
    const observations = await observe(lockfile, "lockfiles/staging.requirements.txt", "lockfiles/production.requirements.txt");
    expect(observations.map((o) => [o.subject, o.severity, o.message])).toEqual([
      ["django", "high", "production runs django 5.0.4, a version staging never ran (staging: 5.0.3)"],
      ["gunicorn", "high", "production has gunicorn 22.0.0, which staging never ran"],
      ["urllib3", "high", "production runs urllib3 2.2.2, a version staging never ran (staging: 2.2.1)"],
    ]);
  });

  it("poetry.lock", async () => {
    const observations = await observe(lockfile, "lockfiles/staging.poetry.lock", "lockfiles/production.poetry.lock");
    expect(observations.map((o) => o.message)).toEqual(["production runs pydantic 2.7.0, a version staging never ran (staging: 2.6.4)"]);
  });

  it("go.sum: the versions built, not the module graph's /go.mod lines", async () => {
    const observations = await observe(lockfile, "lockfiles/staging.go.sum", "lockfiles/production.go.sum");
    expect(observations.map((o) => o.message)).toEqual([
      "production runs github.com/jackc/pgx/v5 v5.6.0, a version staging never ran (staging: v5.5.5)",
      "production has golang.org/x/sync v0.7.0, which staging never ran",
    ]);
  });

  it("a lockfile from a command, recognised by its content", async () => {
    const snap = await collect("staging", { command: "cat lockfiles/staging.go.sum" }, lockfile);
    expect(Object.keys(snap.objects)).toEqual(["github.com/google/uuid", "github.com/jackc/pgx/v5", "golang.org/x/crypto"]);
  });

  it.each<[string, ReturnType<typeof options>, Record<string, string>, RegExp]>([
    ["a Kubernetes List as a lockfile", lockfile, { file: "kubernetes/staging.live.json" }, /: expected an npm package-lock\.json \(lockfileVersion, packages\), found no lockfileVersion|: expected a lockfile \(package-lock\.json, poetry\.lock, requirements\.txt or go\.sum\), found text in none of those formats$/],
    ["a lockfile as an SBOM", sbom, { file: "lockfiles/npm-staging/package-lock.json" }, /: expected a CycloneDX \(bomFormat: CycloneDX\) or SPDX \(spdxVersion\) SBOM, found an object with keys name, version, lockfileVersion, requires, packages$/],
    ["CycloneDX XML", sbom, { command: "echo '<?xml version=\"1.0\"?><bom/>'" }, /expected a CycloneDX or SPDX SBOM in JSON, found XML/],
    ["broken TOML", lockfile, { command: "printf '[[package]]\\nname = \"x\\n'" }, /is not valid TOML/],
  ])("bad input (%s) is a probe error naming the expected shape", async (_what, opts, source, message) => {
    const error = await collect("staging", source, opts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(message);
  });
});
