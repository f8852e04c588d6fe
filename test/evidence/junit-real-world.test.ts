import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { JUnitSyntaxError, readJUnitFile } from "../../probes/tests/junit.js";
import { fileVerdicts } from "../../probes/tests/outcomes.js";
import { testsProbe } from "../../probes/tests/index.js";
import { byAspect, run } from "./context.js";

// Files written the way the producers write them (test/fixtures/junit/), each a case that the
// code this started from read wrong: repetitions called flaky, unnamed cases rejecting the whole
// file, UTF-16 rejected, ISO-8859-1 decoded as UTF-8, disabled tests counted as passed, and
// parser messages that said neither what nor where.
const dir = fileURLToPath(new URL("../fixtures/junit/", import.meta.url));
const read = (name: string) => readJUnitFile(`${dir}${name}`, new AbortController().signal);
const verdicts = async (name: string) => Object.fromEntries([...fileVerdicts(await read(name)).values()].map((c) => [c.id, c.outcome]));

describe("a test repeated in one file that passes every time is not flaky", () => {
  it.each([
    ["go-count-3.xml", { "example.com/shop/internal/cart::TestAddItem": "passed", "example.com/shop/internal/cart::TestTotals": "passed" }],
    ["testng-data-provider.xml", { "com.example.pricing.DiscountTest::appliesTieredDiscount": "passed", "com.example.pricing.DiscountTest::rejectsNegativePrice": "passed" }],
    ["nunit-testcasesource.xml", { "Billing.Tests.InvoiceTests::ComputesVat": "passed" }],
    ["specflow-outline.xml", { "Shop.Specs.Features.CheckoutFeature::Paying with a saved card": "passed" }],
    ["mocha-duplicate-titles.xml", { "works::cart works": "passed", "sums line items::cart sums line items": "passed" }],
  ])("%s", async (file, expected) => {
    expect(await verdicts(file)).toEqual(expected);
  });

  it("and a failure of such a test in production is found (go test -count=3, a TestNG data provider)", async () => {
    for (const [staging, production, subject] of [
      ["go-count-3.xml", "go-count-3-one-failure.xml", "example.com/shop/internal/cart::TestTotals"],
      ["testng-data-provider.xml", "testng-data-provider-production.xml", "com.example.pricing.DiscountTest::appliesTieredDiscount"],
    ]) {
      const observations = await run(testsProbe, { results: { staging, production } }, dir);
      expect(byAspect(observations, "flaky")).toEqual([]);
      expect(byAspect(observations, "staging-green-production-red")).toEqual([
        expect.objectContaining({ subject, severity: "high", staging: "passed", production: "failed" }),
      ]);
    }
  });

  it("while a failure directly followed by its passing rerun is still flaky (box/flaky, pytest-rerunfailures)", async () => {
    const { parseJUnit } = await import("../../probes/tests/junit.js");
    const cases = parseJUnit(`<testsuite name="pytest">
      <testcase classname="t" name="a"><failure message="boom"/></testcase><testcase classname="t" name="a"/>
      <testcase classname="t" name="b"/><testcase classname="t" name="b"><failure message="no"/></testcase>
    </testsuite>`);
    expect([...fileVerdicts(cases).values()]).toEqual([
      // The evidence line is the failing attempt's (the line its <testcase> starts on): where a SARIF result points.
      { id: "t::a", outcome: "flaky", message: "boom", line: 2 },
      { id: "t::b", outcome: "failed", message: "no", line: 3 },
    ]);
  });
});

describe("a test case without a name is kept, and the file's other results with it", () => {
  it("jest's empty title: the failure stays, under a name of its own", async () => {
    const cases = await read("jest-empty-title.xml");
    expect(cases.map((c) => [c.id, c.outcome])).toEqual([
      ["src/format.test.js::(unnamed test case)", "failed"],
      ["format prints cents", "passed"],
      ["format prints thousands", "passed"],
    ]);
    expect(cases[0]!.message).toMatch(/^Error: expect\(received\)\.toBe\(expected\)/);
  });

  it("Surefire's JUnit 5 @BeforeAll failure, and that a production failure there is found", async () => {
    expect(await verdicts("surefire-beforeall-failure.xml")).toEqual({
      "com.example.ledger.LedgerIT::(unnamed test case)": "failed",
      "com.example.ledger.LedgerParserTest::postsDoubleEntry": "passed",
      "com.example.ledger.LedgerParserTest::rejectsUnbalanced": "passed",
    });
  });
});

describe("files in other encodings are decoded as written", () => {
  it("UTF-16 with a byte-order mark (PowerShell, vstest loggers)", async () => {
    expect(await verdicts("vstest-utf16.xml")).toEqual({
      "Payments.Tests.TransferTests::Überweisung wird gebucht": "passed",
      "Payments.Tests.TransferTests::Lastschrift wird abgelehnt": "failed",
    });
    expect((await read("vstest-utf16.xml"))[1]!.message).toBe("Erwartet: „abgelehnt“, erhalten: „gebucht“");
  });

  it("ISO-8859-1 as the XML declaration says: two tests stay two, with their umlauts", async () => {
    expect(await verdicts("surefire-latin1.xml")).toEqual({
      "de.example.abrechnung.SteuerTest::Prüfung der Umsatzsteuer für Österreich": "passed",
      "de.example.abrechnung.SteuerTest::Prüfung der Umsatzsteuer für Ägypten": "failed",
    });
  });
});

describe("tests that never ran are skipped, not passed", () => {
  it("googletest's status=\"notrun\" and Allure's status=\"disabled\"", async () => {
    expect(await verdicts("googletest-notrun.xml")).toEqual({
      "RateLimiterTest::AllowsBurst": "passed",
      "RateLimiterTest::DISABLED_SharedAcrossPods": "skipped",
      "RateLimiterTest::RefillsPerSecond": "passed",
    });
    expect(await verdicts("allure-disabled.xml")).toEqual({
      "notifications.DigestSpec::sends the weekly digest": "passed",
      "notifications.SmsSpec::sends SMS through the gateway": "skipped",
    });
  });
});

describe("parser messages say what and where", () => {
  it.each([
    ["undefined-entity.xml", 4, 33, 'undefined entity &nbsp; in "<failure message=\\"expected a&nbsp;b\\">expected separato…"'],
    ["control-character.xml", 3, 56, 'disallowed character U+0001 in "…sname=\\"codec.Base64Test\\" name=\\"decodes \\u0001 bytes\\"/>"'],
  ])("%s", async (file, line, column, problem) => {
    const caught = await read(file).catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(JUnitSyntaxError);
    expect(caught).toMatchObject({ line, column, problem });
  });

  it("reaches the report with the file, line and column", async () => {
    const observations = await run(testsProbe, { results: { staging: "go-count-3.xml", production: ["go-count-3.xml", "undefined-entity.xml"] } }, dir);
    expect(byAspect(observations, "unreadable")).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^production results file undefined-entity\.xml:4:33 could not be read \(undefined entity &nbsp; in "/) }),
    ]);
  });
});
