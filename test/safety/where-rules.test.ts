import { describe, expect, it } from "vitest";
import { analyseWhere, compileWhere, whereProblem } from "../../probes/data/where.js";

/** Conditions a map author writes every day: accepted by the map, regenerated for the server. */
describe("a where that is one condition over the table's columns is accepted", () => {
  it.each([
    ["status = 'active'"],
    ["status IN ('active', 'past_due') AND amount > 0"],
    ["(region = 'eu' OR region = 'uk') AND NOT deleted"],
    ["created_at >= DATE '2026-01-01'"],
    ["created_at > now() - interval '30 days'"],
    ["created_at > NOW() - INTERVAL 30 DAY"],
    ["coalesce(discount, 0) BETWEEN 0 AND 100"],
    ["lower(email) LIKE '%@example.com' AND note IS NOT NULL"],
    ["CASE WHEN kind = 'refund' THEN amount < 0 ELSE amount >= 0 END"],
    ["payload->>'source' = 'web'"],
    ["note = 'it''s -- not a comment'"],
    ["EXTRACT(YEAR FROM created_at) = 2026"],
  ])("%s", (where) => {
    expect(whereProblem(where)).toBeUndefined();
  });

  it("sends the condition rebuilt from its syntax tree, quoted for the server", () => {
    const columns = ["status", "amount", "Region"];
    expect(compileWhere(`status = 'active' AND amount > 0`, "mysql", "t", columns)).toBe("`status` = 'active' AND `amount` > 0");
    expect(compileWhere(`"Region" = 'eu' AND status = 'active'`, "postgres", "t", columns)).toBe(`"Region" = 'eu' AND status = 'active'`);
    // Parentheses the author wrote survive the rebuild (they change what OR and AND mean).
    expect(compileWhere("(status = 'a' OR status = 'b') AND amount > 0", "postgres", "t", columns)).toBe("(status = 'a' OR status = 'b') AND amount > 0");
  });
});

/** The attacks of issue 11 and their relatives: each is a map error with a reason. */
describe("a where that could write, lock, leave the row or open a connection is refused", () => {
  it.each([
    ["1=1); DROP TABLE canary; SELECT 1 FROM DUAL WHERE (1", /not a condition parity can read: unexpected "\)" at character 4/],
    ["1=1; DROP TABLE canary", /one condition, not several statements/],
    ["1=1) LOCK IN SHARE MODE -- ", /comments \(--\) are not allowed/],
    ["1=1 LOCK IN SHARE MODE", /LOCK IN SHARE MODE is not allowed: it takes locks/],
    ["1=1 FOR UPDATE", /FOR UPDATE is not allowed: it takes locks/],
    ["1=1 FOR UPDATE NOWAIT", /FOR UPDATE NOWAIT is not allowed/],
    ["1=1 INTO OUTFILE '/tmp/out.txt'", /INTO OUTFILE is not allowed: it would make the server write a file/],
    ["1=1 INTO DUMPFILE '/tmp/out.bin'", /INTO DUMPFILE is not allowed/],
    ["1=1 INTO @x", /INTO variables is not allowed/],
    ["1=1 UNION SELECT 1", /UNION is not allowed: a where is one condition, not another query/],
    ["1=1 ORDER BY id", /ORDER BY is not part of a condition/],
    ["1=1 LIMIT 1", /LIMIT\/OFFSET is not part of a condition/],
    ["id IN (SELECT id FROM secrets)", /sub-queries .* are not allowed/],
    ["EXISTS (SELECT 1 FROM pg_shadow)", /sub-queries .* are not allowed/],
    ["dblink_exec('dbname=x', 'DROP TABLE canary') = 'OK'", /the function dblink_exec\(\) is not allowed/],
    ["dblink('dbname=x', 'SELECT 1') IS NOT NULL", /the function dblink\(\) is not allowed/],
    ["pg_read_file('/etc/passwd') IS NOT NULL", /the function pg_read_file\(\) is not allowed/],
    ["lo_import('/etc/passwd') > 0", /the function lo_import\(\) is not allowed/],
    ["load_file('/etc/passwd') IS NOT NULL", /the function load_file\(\) is not allowed/],
    ["sleep(10) = 0", /the function sleep\(\) is not allowed/],
    ["pg_sleep(10) IS NULL", /the function pg_sleep\(\) is not allowed/],
    ["pg_catalog.lower(status) = 'x'", /name functions without a schema/],
    ["benchmark(100000000, md5('x')) = 0", /the function benchmark\(\) is not allowed/],
    ["get_lock('parity', 10) = 1", /the function get_lock\(\) is not allowed/],
    ["length(lpad(note, 1000000000, 'x')) > 0", /the function lpad\(\) is not allowed/],
    ["length(replace(replace(note, 'a', note), 'a', note)) > 0", /the function replace\(\) is not allowed/],
    ["status = 'a' /*! AND sleep(10) */", /comments \(\/\* \*\/\) are not allowed/],
    ["status = 'a' # AND sleep(10)", /comments \(#\) are not allowed/],
    ["status = 'x\\' OR pg_sleep(10) IS NULL OR status = '", /backslashes in string literals are not allowed/],
    ["other.status = 'a'", /names another table/],
    ["count(*) > 1", /the aggregate COUNT\(\) cannot be part of a row condition/],
    ["@@version IS NOT NULL", /the variable @@version is not allowed/],
    ["status = $$x$$", /a dollar-quoted string is not allowed/],
    ["status = $1", /a placeholder is not allowed/],
  ])("%s", (where, reason) => {
    expect(whereProblem(where)).toMatch(reason);
  });

  it("refuses a condition nested beyond any real use, and never overflows the stack", () => {
    expect(whereProblem(`${"NOT ".repeat(100)}deleted`)).toMatch(/nests more than 64 levels deep/);
    // As deep as 2,000 characters allow: an answer (accepted or refused), not a crash.
    expect(() => whereProblem(`${"(".repeat(995)}1=1${")".repeat(995)}`)).not.toThrow();
    // A long list of conditions is not deep nesting.
    expect(whereProblem(`${"amount > 0 AND ".repeat(40)}1 = 1`)).toBeUndefined();
  });

  it("checks names against the table's columns at collect time, as each server folds them", () => {
    expect(() => compileWhere("stauts = 'active'", "postgres", "orders", ["id", "status"])).toThrow(
      'the where of orders names stauts, which is not a column of orders (its columns: id, status)',
    );
    // PostgreSQL folds unquoted names to lower case; a quoted name must match exactly.
    expect(compileWhere("STATUS = 'a'", "postgres", "orders", ["status"])).toBe("STATUS = 'a'");
    expect(() => compileWhere(`"STATUS" = 'a'`, "postgres", "orders", ["status"])).toThrow(/names STATUS, which is not a column/);
    // MariaDB compares column names without case.
    expect(compileWhere("STATUS = 'a'", "mysql", "orders", ["status"])).toBe("`STATUS` = 'a'");
  });

  it("refuses at collect time what the target's own dialect does not accept", () => {
    // Accepted by the map (PostgreSQL reads it), refused on MariaDB, where `#` starts a comment.
    expect(whereProblem("payload #>> '{a}' = 'x'")).toBeUndefined();
    expect(() => compileWhere("payload #>> '{a}' = 'x'", "mysql", "t", ["payload"])).toThrow(/refused on MariaDB\/MySQL: comments \(#\)/);
    expect(analyseWhere("payload #>> '{a}' = 'x'", "postgres").ok).toBe(true);
  });
});
