import { describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import type { SchemaSnapshot } from "../../probes/schema/types.js";
import { schemaProbe } from "../../probes/schema/index.js";
import { collect, collectContext, compare } from "./helpers.js";

async function failure(url: string): Promise<Error> {
  const error = await collect(url, { timeoutMs: 5_000 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProbeError);
  return error as Error;
}

describe("schema probe: targets that cannot be read give clear, secret-free errors", () => {
  it("names an unsupported URL scheme", async () => {
    expect((await failure("redis://user:hunter22@127.0.0.1:6379/0")).message).toMatch(/unsupported database URL scheme "redis:"/);
  });

  it("says a refused port is refused, without the password", async () => {
    const error = await failure("postgres://postgres:hunter22@127.0.0.1:1/app");
    expect(error.message).toMatch(/cannot connect to postgres:\/\/postgres:«redacted»@127\.0\.0\.1:1\/app.*ECONNREFUSED/);
    expect(error.message).not.toContain("hunter22");
  });

  it("says a database does not exist", async () => {
    expect((await failure("postgres://postgres@127.0.0.1:5432/parity_no_such_db")).message).toMatch(/database "parity_no_such_db" does not exist/);
  });

  it("says a MariaDB password is wrong, without the password", async () => {
    const error = await failure("mysql://root:wrong-pass-123@127.0.0.1:3306/test");
    expect(error.message).toMatch(/Access denied for user 'root'/);
    expect(error.message).not.toContain("wrong-pass-123");
  });

  it("says an environment without a database URL has none", async () => {
    await expect(schemaProbe.collect({ name: "staging", database: {} }, collectContext())).rejects.toThrow(/environment "staging" has no database.url/);
  });
});

const snapshot = (dialect: "postgres" | "mysql"): SchemaSnapshot => ({
  format: "parity-schema", version: 1, dialect, serverVersion: dialect === "postgres" ? "15.20" : "10.11.19-MariaDB",
  database: "app", schemas: ["public"], collectedAt: "2026-11-26T00:00:00Z", statements: 17, objects: [], settings: {}, visibility: { limited: {} },
});

describe("schema probe: snapshots compared offline", () => {
  it("refuses to compare a PostgreSQL schema with a MySQL one", () => {
    expect(() => compare(snapshot("postgres"), snapshot("mysql"))).toThrow(
      /cannot compare a postgres schema \(staging\) with a mysql schema \(production\)/,
    );
  });

  it("refuses a file that is not a schema snapshot, or of another version", () => {
    expect(() => compare({ hello: 1 } as never, snapshot("postgres"))).toThrow(/staging snapshot is not a schema snapshot/);
    expect(() => compare(snapshot("postgres"), { ...snapshot("postgres"), version: 2 } as never)).toThrow(/version 2; this parity reads version 1/);
  });

  it("reports a different server version, major as high and minor as low", () => {
    const a = snapshot("postgres");
    expect(compare(a, { ...a, serverVersion: "16.4" })[0]).toMatchObject({ subject: "server", aspect: "version", severity: "high" });
    expect(compare(a, { ...a, serverVersion: "15.21" })[0]).toMatchObject({ subject: "server", aspect: "version", severity: "low" });
  });
});
