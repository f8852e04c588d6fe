import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertReadOnlyStatement } from "../../probes/database/read-only-guard.js";
import { myCreateDatabase, myDropDatabase, pgCreateDatabase, pgDropDatabase, uniqueName } from "../schema/helpers.js";
import { collect, ddl } from "./helpers.js";
import { startSqlProxy, type SqlProxy } from "./sql-proxy.js";
import { STORIES } from "./scenario.js";

// What reached the database, read off the wire: the session's read-only set-up, then single
// reads only. A write, a DDL statement, a second statement smuggled after a semicolon, or a
// third probe statement would fail this test.
const names = { postgres: uniqueName("parity_migro"), mysql: uniqueName("parity_migro") };
const proxies: Partial<Record<"postgres" | "mysql", SqlProxy>> = {};

beforeAll(async () => {
  await pgCreateDatabase(names.postgres, `${await ddl("flyway", "postgres")}\n${STORIES.flyway.production("postgres")}`);
  await myCreateDatabase(names.mysql, `${await ddl("flyway", "mysql")}\n${STORIES.flyway.production("mysql")}`);
  proxies.postgres = await startSqlProxy("postgres", 5432);
  proxies.mysql = await startSqlProxy("mysql", 3306);
});

afterAll(async () => {
  await Promise.all([proxies.postgres?.close(), proxies.mysql?.close()]);
  await Promise.all([pgDropDatabase(names.postgres), myDropDatabase(names.mysql)]);
});

const SESSION = [
  /^BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY$/,
  /^START TRANSACTION READ ONLY$/,
  /^SET (LOCAL|SESSION) [a-z_]+ = [\d.]+$/,
  // The session's one look at the server and itself: version, user, superuser flag.
  /^SELECT (current_setting\('server_version'\)|VERSION\(\)) AS v,/,
  /^ROLLBACK$/,
];
const isSession = (sql: string) => SESSION.some((pattern) => pattern.test(sql.trim()));

describe.each(["postgres", "mysql"] as const)("the migrations probe on %s, seen on the wire", (dialect) => {
  it("sends the read-only session's set-up and two single SELECTs, nothing else", async () => {
    const proxy = proxies[dialect]!;
    proxy.statements.length = 0;
    const url = dialect === "postgres" ? `postgres://postgres@127.0.0.1:${proxy.port}/${names.postgres}` : `mysql://root@127.0.0.1:${proxy.port}/${names.mysql}`;
    const snapshot = await collect(url);
    expect(snapshot.migrations.map((m) => m.key)).toEqual(["1", "2", "1.5", "4"]);
    // Give the ROLLBACK (sent on close) time to cross the proxy.
    await new Promise((r) => setTimeout(r, 100));
    const probeStatements = proxy.statements.filter((sql) => !isSession(sql));
    expect(probeStatements).toHaveLength(2);
    for (const sql of probeStatements) {
      expect(sql.trimStart()).toMatch(/^SELECT\s/);
      expect(() => assertReadOnlyStatement(sql)).not.toThrow();
      // One statement: no semicolon outside a quoted literal.
      expect(sql.replace(/'[^']*'/g, "''")).not.toContain(";");
    }
    expect(proxy.statements.some((sql) => /READ ONLY/.test(sql))).toBe(true);
    expect(proxy.statements[proxy.statements.length - 1]).toBe("ROLLBACK");
  });
});
