import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StartDemoPart } from "./part.js";

/**
 * The demo's evidence files for the payments example, written into workDir/evidence:
 * - JUnit results from each environment (jest-junit and Surefire; both production regions run
 *   the same suite, junit/production holds eu's): two tests green in staging and red in production (the credit bureau rate-limits, the shorter payout timeout), one test
 *   flaky in staging (passes on a Surefire rerun) and one skipped in production;
 * - a deploy history: production (eu, then us a day later) runs change-approval and canary
 *   steps staging never does, takes about 7× as long and fails more often;
 * - an incident log: one environment-caused incident traced to the map's credit-bureau-sandbox
 *   entry, one that traces to no entry, and one caused by code.
 * Dates are relative to now so the files always fall inside the probes' windows.
 */
export const startDemoEvidence: StartDemoPart = async (workDir) => {
  const dir = join(workDir, "evidence");
  await mkdir(join(dir, "junit", "staging"), { recursive: true });
  await mkdir(join(dir, "junit", "production"), { recursive: true });
  await mkdir(join(dir, "junit", "production-us"), { recursive: true });
  const now = Date.now();
  await Promise.all([
    writeFile(join(dir, "junit", "staging", "payments-api.xml"), jestResults("staging"), "utf8"),
    writeFile(join(dir, "junit", "production", "payments-api.xml"), jestResults("production"), "utf8"),
    writeFile(join(dir, "junit", "staging", "TEST-com.example.payments.LedgerTest.xml"), ledgerResults("staging"), "utf8"),
    writeFile(join(dir, "junit", "production", "TEST-com.example.payments.LedgerTest.xml"), ledgerResults("production"), "utf8"),
    writeFile(join(dir, "junit", "production-us", "payments-api.xml"), jestResults("production"), "utf8"),
    writeFile(join(dir, "junit", "production-us", "TEST-com.example.payments.LedgerTest.xml"), ledgerResults("production"), "utf8"),
    writeFile(join(dir, "deploys.csv"), deployHistory(now), "utf8"),
    writeFile(join(dir, "incidents.yaml"), incidentLog(now), "utf8"),
  ]);
  return {
    env: { PARITY_EVIDENCE_DIR: dir },
    close: () => rm(dir, { recursive: true, force: true }),
  };
};

type Side = "staging" | "production";

function jestResults(side: Side): string {
  const prod = side === "production";
  const cases = [
    testcase("payments api authorises a card payment", 0.21),
    testcase("payments api scores credit with the bureau", 0.35, prod ? "Error: credit bureau answered 429 Too Many Requests (limit 5/s on the live endpoint)" : undefined),
    testcase("payments api pays out within PAYMENT_TIMEOUT_MS", 2.4, prod ? "Error: payout timed out after 1500 ms (took 2380 ms)" : undefined),
    testcase("payments api refunds in EUR", 0.12),
    `    <testcase classname="payments api sends instant payouts" name="payments api sends instant payouts" time="0">${prod ? "<skipped/>" : ""}</testcase>`,
  ];
  const failures = prod ? 2 : 0;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="${cases.length}" failures="${failures}" errors="0" time="3.3">
  <testsuite name="payments api" errors="0" failures="${failures}" skipped="${prod ? 1 : 0}" time="3.3" tests="${cases.length}">
${cases.join("\n")}
  </testsuite>
</testsuites>
`;
}

function testcase(name: string, time: number, failure?: string): string {
  const body = failure ? `\n      <failure><![CDATA[${failure}\n    at Object.<anonymous> (src/payments.test.ts:88:17)]]></failure>\n    ` : "";
  return `    <testcase classname="${name}" name="${name}" time="${time}">${body}</testcase>`;
}

function ledgerResults(side: Side): string {
  // Surefire records a failure that passed on a rerun as flakyFailure: flaky, not failed.
  const flaky =
    side === "staging"
      ? `\n    <flakyFailure message="expected: &lt;17:00&gt; but was: &lt;17:01&gt;" type="org.opentest4j.AssertionFailedError"><stackTrace><![CDATA[at com.example.payments.LedgerTest.settlesAtCutoff(LedgerTest.java:88)]]></stackTrace></flakyFailure>\n  `
      : "";
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="com.example.payments.LedgerTest" time="1.9" tests="3" errors="0" skipped="0" failures="0">
  <testcase name="postsDoubleEntry" classname="com.example.payments.LedgerTest" time="0.11"/>
  <testcase name="settlesAtCutoff" classname="com.example.payments.LedgerTest" time="0.42">${flaky}</testcase>
  <testcase name="reversesCharge" classname="com.example.payments.LedgerTest" time="0.74"/>
</testsuite>
`;
}

const DAY = 86_400_000;
const MINUTE = 60_000;

function deployHistory(now: number): string {
  const rows = ["environment,started_at,finished_at,result,steps,version"];
  const iso = (t: number) => new Date(Math.floor(t / MINUTE) * MINUTE).toISOString().replace(".000Z", "Z");
  // Staging: every other day, about 6 minutes, one failure in 24.
  for (let i = 0; i < 24; i++) {
    const start = now - (60 - i * 2.5) * DAY;
    const minutes = [5, 6, 6, 7][i % 4];
    rows.push(`staging,${iso(start)},${iso(start + minutes * MINUTE)},${i === 9 ? "failure" : "success"},build;migrate;deploy;smoke-test,1.${i}.0`);
  }
  // Production: weekly, about 42 minutes (change approval waits and a canary bake), 2 of 10 fail;
  // each release reaches eu first and us a day later.
  for (const [region, lag] of [["production-eu", 0], ["production-us", 1]] as const) {
    for (let i = 0; i < 10; i++) {
      const start = now - (58 - i * 6 - lag) * DAY;
      const minutes = [38, 42, 42, 45, 40][(i + lag) % 5];
      const result = i === 4 ? "failure" : i === 7 ? "rolled_back" : "success";
      rows.push(`${region},${iso(start)},${iso(start + minutes! * MINUTE)},${result},build;migrate;change-approval;canary;deploy;smoke-test,1.${i * 2}.0`);
    }
  }
  return `${rows.join("\n")}\n`;
}

function incidentLog(now: number): string {
  const day = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString().slice(0, 10);
  return `# Post-incident reviews of the payments service (written by parity demo).
# cause: environment | code | data | unknown; difference: the parity-map entry it traces to.
incidents:
  - id: INC-1042
    date: ${day(21)}
    summary: Credit checks failed for 35 minutes; the live bureau rate-limits bursts the sandbox accepts
    cause: environment
    difference: credit-bureau-sandbox
  - id: INC-1057
    date: ${day(9)}
    summary: Instant payouts held for review; production's strict fraud-check mode is never exercised in staging
    cause: environment
  - id: INC-1061
    date: ${day(4)}
    summary: Refund rounding error in the new currency formatter
    cause: code
`;
}
