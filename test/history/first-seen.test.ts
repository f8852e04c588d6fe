import { describe, expect, it } from "vitest";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { defaultHistoryDir } from "../../src/history/location.js";
import { recordAudit } from "../../src/history/record.js";
import { runCli } from "../cli/run-cli.js";
import { auditAt, day, finding, scenarioCopy } from "./helpers.js";

const quiet = () => {};

describe("first-seen dates and ages from the history folder", () => {
  it("dates a gap from the first audit that showed it, and restarts it once an audit saw it closed", async () => {
    const dir = await scenarioCopy("config-drift");
    const map = path.join(dir, "parity-map.yaml");
    const location = { kind: "folder" as const, dir: defaultHistoryDir(dir) };
    const prodFile = path.join(dir, "production.json");
    const prod = JSON.parse(await readFile(prodFile, "utf8"));

    const first = await recordAudit(await auditAt(map, day(0)), location, quiet);
    expect(finding(first, "PAYMENT_TIMEOUT_MS")).toMatchObject({ firstSeen: day(0).toISOString(), ageDays: 0 });

    // The timeout is aligned for one audit: that gap is closed.
    await writeFile(prodFile, JSON.stringify({ ...prod, PAYMENT_TIMEOUT_MS: "3000" }));
    const closed = await recordAudit(await auditAt(map, day(30)), location, quiet);
    expect(finding(closed, "PAYMENT_TIMEOUT_MS")).toBeUndefined();

    await writeFile(prodFile, JSON.stringify(prod));
    const reopened = await recordAudit(await auditAt(map, day(41)), location, quiet);
    expect(finding(reopened, "PAYMENT_TIMEOUT_MS")).toMatchObject({ firstSeen: day(41).toISOString(), ageDays: 0 });
    // The declared gap never went away: 41 days old.
    expect(finding(reopened, "CREDIT_BUREAU_URL")).toMatchObject({ firstSeen: day(0).toISOString(), ageDays: 41 });
    expect(reopened.sinceLast?.newFindings.map((f) => f.subject)).toEqual(["PAYMENT_TIMEOUT_MS"]);

    const later = await recordAudit(await auditAt(map, day(50)), location, quiet);
    expect(finding(later, "PAYMENT_TIMEOUT_MS")).toMatchObject({ firstSeen: day(41).toISOString(), ageDays: 9 });
    expect(finding(later, "map/no-cdn/manual")).toMatchObject({ firstSeen: day(0).toISOString(), ageDays: 50 });
    expect((await readdir(location.dir)).filter((n) => n.endsWith(".json"))).toHaveLength(4);
  });

  it("an audit that did not look (its probe failed) neither ends nor restarts a streak", async () => {
    const dir = await scenarioCopy("config-drift");
    const map = path.join(dir, "parity-map.yaml");
    const location = { kind: "folder" as const, dir: defaultHistoryDir(dir) };
    await recordAudit(await auditAt(map, day(0)), location, quiet);
    const prodFile = path.join(dir, "production.json");
    const prod = await readFile(prodFile, "utf8");
    await writeFile(prodFile, "{ not json");
    const failed = await recordAudit(await auditAt(map, day(5)), location, quiet);
    expect(failed.pairs[0]!.probes[0]!.status).toBe("error");
    await writeFile(prodFile, prod);
    const back = await recordAudit(await auditAt(map, day(12)), location, quiet);
    expect(finding(back, "PAYMENT_TIMEOUT_MS")).toMatchObject({ firstSeen: day(0).toISOString(), ageDays: 12 });
  });

  it("`parity audit` says how long each gap has been open, in every report and the JSON", async () => {
    const dir = await scenarioCopy("config-drift");
    const first = await runCli(["audit", "--format", "json"], { cwd: dir });
    const history = defaultHistoryDir(dir);
    const [saved] = (await readdir(history)).filter((n) => n.endsWith(".json"));
    // Pretend that audit ran 41 days ago.
    const audit = JSON.parse(first.stdout);
    const earlier = new Date(Date.parse(audit.generatedAt) - 41 * 86_400_000 - 60_000).toISOString();
    const dated = JSON.stringify({ ...audit, generatedAt: earlier }).replace(/"firstSeen":"[^"]+"/g, `"firstSeen":"${earlier}"`);
    await writeFile(path.join(history, saved!), dated);

    const again = await runCli(["audit", "--out", "audit.json", "--out", "audit.md", "--out", "audit.txt"], { cwd: dir });
    expect(again.code).toBe(1);
    expect((await readFile(path.join(dir, "audit.txt"), "utf8")).replace(/\s+/g, " ")).toContain("open for 41 days");
    const json = JSON.parse(await readFile(path.join(dir, "audit.json"), "utf8"));
    const gap = json.pairs[0].findings.find((f: { subject: string }) => f.subject === "PAYMENT_TIMEOUT_MS");
    expect(gap).toMatchObject({ firstSeen: earlier, ageDays: 41 });
    expect(await readFile(path.join(dir, "audit.md"), "utf8")).toMatch(/PAYMENT_TIMEOUT_MS.*_\(open for 41 days\)_/);
    const report = await runCli(["report", "--from", "audit.json"], { cwd: dir });
    expect(report.stdout.replace(/\s+/g, " ")).toContain("PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production — test reliability · open for 41 days");
  });
});
