import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { JUnitSyntaxError, parseJUnit } from "../../probes/tests/junit.js";
import { fileVerdicts } from "../../probes/tests/outcomes.js";

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`fixtures/junit/${name}`, import.meta.url)), "utf8");
const outcomes = (name: string) => Object.fromEntries([...fileVerdicts(parseJUnit(fixture(name))).values()].map((c) => [c.id, c.outcome]));

describe("JUnit dialects", () => {
  it("jest-junit: classname repeats the name, so the id is the name alone", () => {
    expect(outcomes("jest-junit.xml")).toEqual({
      "checkout computes totals in EUR": "passed",
      "checkout rejects an expired card": "failed",
      "checkout applies vouchers": "skipped",
      "checkout sends the receipt e-mail": "passed",
      "currency rounds half to even": "passed",
    });
  });

  it("pytest: error counts as failed; a failure followed by its rerun decides by the rerun", () => {
    expect(outcomes("pytest.xml")).toEqual({
      "tests.test_orders::test_create_order": "passed",
      "tests.test_orders::test_refund[partial]": "passed",
      "tests.test_orders::test_refund[full]": "failed",
      "tests.test_orders::test_export_csv": "skipped",
      "tests.test_db::test_connects": "failed",
      // two passing elements: a repetition, not a rerun (pytest-rerunfailures 16.6.1 writes failed
      // attempts as empty elements, so a test flaky that way cannot be told from one that passed twice)
      "tests.test_search::test_suggest": "passed",
      // three elements, the last one failed: the test failed
      "tests.test_search::test_ranking": "failed",
    });
  });

  it("Surefire: flakyFailure/flakyError mean flaky; failure plus rerunFailure means failed", () => {
    const cases = parseJUnit(fixture("surefire.xml"));
    expect(Object.fromEntries(cases.map((c) => [c.id, c.outcome]))).toEqual({
      "com.example.payments.LedgerTest::postsDoubleEntry": "passed",
      "com.example.payments.LedgerTest::settlesAtCutoff": "flaky",
      "com.example.payments.LedgerTest::rejectsNegativeAmounts": "failed",
      "com.example.payments.LedgerTest::reversesCharge": "flaky",
    });
    expect(cases.find((c) => c.id.endsWith("rejectsNegativeAmounts"))?.message).toBe("Timed out after 500 ms waiting for ledger lock");
    expect(cases.find((c) => c.id.endsWith("settlesAtCutoff"))?.message).toBe("expected: <2026-11-20> but was: <2026-11-21>");
  });

  it("go-junit-report: subtests keep their slash names; properties are ignored", () => {
    expect(outcomes("go-junit-report.xml")).toEqual({
      "example.com/shop/internal/cart::TestAddItem": "passed",
      "example.com/shop/internal/cart::TestCheckout/with_coupon": "failed",
      "example.com/shop/internal/cart::TestCheckout": "failed",
      "example.com/shop/internal/tax::TestVAT": "passed",
      "example.com/shop/internal/tax::TestUSSalesTax": "skipped",
    });
  });

  it("PHPUnit: nested suites and data sets; a case without class falls back to its suite", () => {
    expect(outcomes("phpunit.xml")).toEqual({
      "Tests.Unit.InvoiceTest::testNumbering": "passed",
      "Tests.Unit.InvoiceTest::testRounding with data set #0": "passed",
      "Tests.Unit.InvoiceTest::testRounding with data set #1": "failed",
      "Tests.Unit.InvoiceTest::testPdf": "skipped",
      "Tests\\Unit\\InvoiceTest::testTotals": "passed",
    });
  });

  it("a bare <testsuite> root whose counts lie: the cases themselves are the truth", () => {
    const cases = parseJUnit(fixture("bare-suite-lying-counts.xml"));
    expect(cases.map((c) => [c.id, c.outcome])).toEqual([
      ["smoke::homepage loads", "passed"],
      ["smoke::login works", "failed"],
      ["smoke::search & filter", "passed"],
    ]);
    // Without a message attribute, the failure's own text (CDATA) is the message.
    expect(cases[1].message).toContain("HTTP 503 from");
  });
});

describe("malformed JUnit", () => {
  it.each([
    ["truncated.xml", 5, /unclosed tag|unexpected end/i],
    ["wrong-root.xml", 2, /root element is <coverage>, expected <testsuites> or <testsuite>/],
  ])("%s is an error with its line", (name, line, problem) => {
    let caught: unknown;
    try {
      parseJUnit(fixture(name));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(JUnitSyntaxError);
    expect((caught as JUnitSyntaxError).line).toBe(line);
    expect((caught as JUnitSyntaxError).problem).toMatch(problem);
  });

  it("an empty file says so", () => {
    expect(() => parseJUnit(fixture("empty.xml"))).toThrow("the file is empty");
  });

  it("a testcase without a name is kept under a name of its own, with the file's other results", () => {
    expect(parseJUnit('<testsuite name="s">\n\n<testcase classname="x"/><testcase classname="x" name="y"/></testsuite>')).toEqual([
      { id: "x::(unnamed test case)", outcome: "passed" },
      { id: "x::y", outcome: "passed" },
    ]);
  });
});
