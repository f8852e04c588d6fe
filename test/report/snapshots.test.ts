import { describe, expect, it } from "vitest";
import { renderChecklist, renderReport, stepSummary, annotations, REPORT_FORMATS } from "../../src/report/index.js";
import { FIXTURES, loadAudit } from "./load.js";

const EXT = { terminal: "txt", markdown: "md", json: "json", junit: "xml", html: "html" } as const;

// Each fixture × each format is pinned as a readable file: a change to any output is a reviewed diff.
describe.each(FIXTURES)("fixture %s", (name) => {
  it.each(REPORT_FORMATS)("renders %s", async (format) => {
    const out = renderReport(format, loadAudit(name), { color: false });
    await expect(out).toMatchFileSnapshot(`./__snapshots__/${name}/report.${EXT[format]}`);
  });

  it("renders the release checklist", async () => {
    await expect(renderChecklist(loadAudit(name), { color: false })).toMatchFileSnapshot(`./__snapshots__/${name}/checklist.md`);
  });

  it("renders the GitHub step summary and annotations", async () => {
    const audit = loadAudit(name);
    await expect(stepSummary(audit)).toMatchFileSnapshot(`./__snapshots__/${name}/step-summary.md`);
    await expect(annotations(audit, { mapFile: "parity-map.yaml" }).join("\n") + "\n").toMatchFileSnapshot(`./__snapshots__/${name}/annotations.txt`);
  });
});
