import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Observation } from "../../src/types.js";
import { collect, compare, find, myCreateDatabase, myDropDatabase, myExec, myUrl, pgCreateDatabase, pgDropDatabase, pgExec, pgUrl, uniqueName } from "./helpers.js";

// Schemas as teams really have them, on the real servers: objects created under another session
// setting, labels that differ only in case, default privileges and default collations. On the
// code this started from the first two gave no finding and the last two read "staging none".

describe("MariaDB: what the catalog keeps besides the definition", () => {
  const staging = uniqueName("parity_rw_stg");
  const production = uniqueName("parity_rw_prd");
  let observations: Observation[];

  // The same trigger and procedure on both sides, created in sessions with different sql_modes:
  // staging's reject a too-long code (ERROR 1406), production's silently truncate it.
  const schema = (mode: string, labels: string) => `
    CREATE TABLE accounts (id INT PRIMARY KEY, code VARCHAR(4), state ENUM(${labels}) NOT NULL, flags SET(${labels}));
    CREATE TABLE audit (code VARCHAR(4));
    SET SESSION sql_mode = '${mode}';
    CREATE TRIGGER accounts_audit AFTER INSERT ON accounts FOR EACH ROW INSERT INTO audit VALUES (CONCAT(NEW.code, '-x'));
    CREATE PROCEDURE shorten(IN c VARCHAR(20)) INSERT INTO audit VALUES (c);
  `;

  beforeAll(async () => {
    await Promise.all([
      myCreateDatabase(staging, schema("STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION", "'Active','Closed'")),
      myCreateDatabase(production, schema("NO_ENGINE_SUBSTITUTION", "'ACTIVE','CLOSED'")),
    ]);
    const [s, p] = await Promise.all([collect(myUrl(staging)), collect(myUrl(production), { side: "production" })]);
    observations = compare(s, p);
  });

  afterAll(async () => {
    await Promise.all([myDropDatabase(staging), myDropDatabase(production)]);
  });

  it("the server really behaves differently (so the finding is worth having)", async () => {
    await expect(myExec(staging, "INSERT INTO accounts VALUES (1, 'abcd', 'Active', NULL)")).rejects.toThrow(/Data too long/);
    await expect(myExec(production, "INSERT INTO accounts VALUES (1, 'abcd', 'ACTIVE', NULL)")).resolves.toBeUndefined();
  });

  it.each([
    ["accounts_audit", "Trigger"],
    ["shorten(IN c varchar(20))", "Procedure"],
  ])("a %s created under another sql_mode is a high finding naming the modes", (name, label) => {
    const o = find(observations, `${staging}.${name}`, "sql-mode");
    expect(o.severity).toBe("high");
    expect(o.message).toBe(`${label} ${staging}.${name} was created under another sql_mode and runs with it (only staging's has STRICT_TRANS_TABLES, ERROR_FOR_DIVISION_BY_ZERO)`);
  });

  it("ENUM and SET labels that differ only in case are a type difference", () => {
    expect(find(observations, `${staging}.accounts.state`, "type").message).toMatch(/staging enum\('Active','Closed'\), production enum\('ACTIVE','CLOSED'\)/);
    expect(find(observations, `${staging}.accounts.flags`, "type").message).toMatch(/staging set\('Active','Closed'\), production set\('ACTIVE','CLOSED'\)/);
  });

  it("a snapshot from before sql_mode was recorded compares without a false finding", async () => {
    const [s, p] = await Promise.all([collect(myUrl(staging)), collect(myUrl(production), { side: "production" })]);
    for (const o of p.objects) delete o.attrs.sqlMode;
    expect(compare(s, p).some((o) => o.aspect === "sql-mode")).toBe(false);
  });
});

describe("PostgreSQL: defaults are said as defaults", () => {
  const staging = uniqueName("parity_rw_stg");
  const production = uniqueName("parity_rw_prd");
  const reader = uniqueName("parity_rw_reader");
  let observations: Observation[];

  beforeAll(async () => {
    await pgExec("postgres", `CREATE ROLE ${reader}`);
    // Staging keeps the default ACL (NULL: PUBLIC may EXECUTE the function); production revoked it.
    await pgCreateDatabase(staging, `CREATE FUNCTION fee(n numeric) RETURNS numeric LANGUAGE sql AS 'SELECT n * 0.01'; CREATE TABLE t (code text);`);
    await pgCreateDatabase(
      production,
      `CREATE FUNCTION fee(n numeric) RETURNS numeric LANGUAGE sql AS 'SELECT n * 0.01'; REVOKE EXECUTE ON FUNCTION fee(numeric) FROM PUBLIC; GRANT EXECUTE ON FUNCTION fee(numeric) TO ${reader};
       CREATE TABLE t (code text COLLATE "C");`,
    );
    const [s, p] = await Promise.all([collect(pgUrl(staging)), collect(pgUrl(production), { side: "production" })]);
    observations = compare(s, p, { grants: true });
  });

  afterAll(async () => {
    await Promise.all([pgDropDatabase(staging), pgDropDatabase(production)]);
    await pgExec("postgres", `DROP ROLE IF EXISTS ${reader}`);
  });

  it("the default ACL reads as default privileges, not as 'none' (it is the wider side here)", () => {
    const o = find(observations, "public.fee(n numeric)", "grants");
    expect(o.message).toContain("staging default privileges (owner and PUBLIC as the server grants them)");
    expect(o.message).not.toMatch(/staging none/);
    expect(o.message).toMatch(new RegExp(`production .*${reader}=X/postgres`));
  });

  it("a column on the default collation reads so, not as 'none'", () => {
    const o = find(observations, "public.t.code", "collation");
    expect(o.message).toBe("Column public.t.code: collation differs (staging the default collation, production C)");
  });
});
