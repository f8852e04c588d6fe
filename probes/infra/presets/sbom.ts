import { ProbeError } from "../../../src/errors.js";
import type { SourceText } from "../../config/source.js";
import { isRecord } from "../../documents/lists.js";
import { describeFound, readDocuments } from "../read-documents.js";
import type { Packages } from "./lockfiles.js";

/** Reads a CycloneDX (JSON) or SPDX (JSON) SBOM's packages: name (with group/namespace) → versions. */
export function readSbom(source: SourceText, into: Packages): void {
  if (/^\s*</.test(source.text)) throw new ProbeError(`${source.what}: expected a CycloneDX or SPDX SBOM in JSON, found XML (export JSON, e.g. \`--output-format JSON\`)`);
  for (const { value, what } of readDocuments([source])) {
    if (isRecord(value) && value.bomFormat === "CycloneDX") cycloneDx(value.components, into);
    else if (isRecord(value) && typeof value.spdxVersion === "string") spdx(value, into);
    else throw new ProbeError(`${what}: expected a CycloneDX (bomFormat: CycloneDX) or SPDX (spdxVersion) SBOM, found ${describeFound(value)}`);
  }
}

function add(into: Packages, name: string, version: string): void {
  let versions = into.get(name);
  if (!versions) into.set(name, (versions = new Set()));
  versions.add(version);
}

function cycloneDx(components: unknown, into: Packages): void {
  if (!Array.isArray(components)) return;
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (typeof c.name === "string") add(into, typeof c.group === "string" && c.group ? `${c.group}/${c.name}` : c.name, typeof c.version === "string" ? c.version : "(no version)");
    cycloneDx(c.components, into);
  }
}

function spdx(doc: Record<string, unknown>, into: Packages): void {
  // The document describes the project itself (npm sbom lists it among the packages).
  const described = new Set(Array.isArray(doc.documentDescribes) ? doc.documentDescribes : []);
  for (const p of Array.isArray(doc.packages) ? doc.packages : []) {
    if (!isRecord(p) || typeof p.name !== "string" || described.has(p.SPDXID)) continue;
    add(into, p.name, typeof p.versionInfo === "string" ? p.versionInfo : "(no version)");
  }
}
