import { describe, expect, it } from "vitest";
import { REPORT_FORMATS, annotations, renderChecklist, renderReport, stepSummary } from "../../src/report/index.js";
import { SCENARIOS, pinned, scenarioAudit } from "./load.js";

const EXT = { terminal: "txt", markdown: "md", json: "json", junit: "xml", html: "html", sarif: "sarif", "pr-comment": "pr-comment.md" } as const;

// Each scenario × each format, as the real engine assessed it from the scenario's snapshot
// files, is pinned as a readable file: a change to any output is a reviewed diff.
describe.each(SCENARIOS)("scenario %s", (name) => {
  it("states its verdict and exit code", async () => {
    const { verdict } = await scenarioAudit(name);
    await expect(`exit ${verdict.exitCode}\n${verdict.summary}\n`).toMatchFileSnapshot(`./__snapshots__/${name}/verdict.txt`);
  });

  it.each(REPORT_FORMATS)("renders %s", async (format) => {
    const out = renderReport(format, await scenarioAudit(name), { color: false });
    await expect(pinned(out)).toMatchFileSnapshot(`./__snapshots__/${name}/report.${EXT[format]}`);
  });

  it("renders the release checklist", async () => {
    await expect(pinned(renderChecklist(await scenarioAudit(name), { color: false }))).toMatchFileSnapshot(`./__snapshots__/${name}/checklist.md`);
  });

  it("renders the GitHub step summary and annotations", async () => {
    const audit = await scenarioAudit(name);
    await expect(pinned(stepSummary(audit))).toMatchFileSnapshot(`./__snapshots__/${name}/step-summary.md`);
    await expect(pinned(`${annotations(audit, { mapFile: "parity-map.yaml" }).join("\n")}\n`)).toMatchFileSnapshot(`./__snapshots__/${name}/annotations.txt`);
  });
});
