import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../src/pipeline.js";
import { renderChecklist } from "../../src/report/checklist.js";
import { renderPrComment } from "../../src/report/pr-comment.js";

const mapFile = path.join(import.meta.dirname, "../fixtures/checklist-pairs/parity-map.yaml");

describe("the checklist with several pairs", () => {
  it("gives a gap that reads the same in every region one box naming the regions, and one box per region where it differs", async () => {
    const { audit } = await runPipeline({ mapFile, env: {}, version: "test" });
    expect(audit.verdict.counts.undeclared).toBe(5);
    const boxes = renderChecklist(audit)
      .split("\n")
      .filter((line) => line.startsWith("- [ ] "));
    expect(boxes.filter((b) => b.includes("`PAYMENT_TIMEOUT_MS`"))).toEqual([
      "- [ ] **Undeclared** (medium risk, test reliability) [eu, us]: `app-config` · `PAYMENT_TIMEOUT_MS` · `value` — PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production. Fix it, or declare it in the map.",
    ]);
    expect(boxes.filter((b) => b.includes("`TZ`")).map((b) => /\[(\w+)\]/.exec(b)?.[1])).toEqual(["eu", "us"]);
    expect(boxes.filter((b) => b.includes("`RETRY_LIMIT`")).map((b) => /\[(\w+)\]/.exec(b)?.[1])).toEqual(["us"]);
    expect(boxes).toHaveLength(4);
  });

  it("the pull-request comment merges its blocking boxes the same way", async () => {
    const { audit } = await runPipeline({ mapFile, env: {}, version: "test" });
    const comment = renderPrComment(audit);
    expect(comment).toContain("**Blocking (5; the same gap in several pairs is one box):**");
    const boxes = comment.split("\n").filter((line) => line.startsWith("- [ ] "));
    expect(boxes.filter((b) => b.includes("`app-config · PAYMENT_TIMEOUT_MS · value`"))).toEqual([
      expect.stringMatching(/^- \[ \] undeclared difference: eu, us: `app-config · PAYMENT_TIMEOUT_MS · value`/),
    ]);
    expect(boxes.filter((b) => b.includes("TZ"))).toHaveLength(2);
    expect(boxes).toHaveLength(4);
  });
});
