import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { PostgresStore } from "../../src/history/postgres-store.js";
import { runCli } from "../cli/run-cli.js";
import { uniqueName } from "../schema/helpers.js";
import { auditAt, day, finding, scenarioCopy } from "./helpers.js";
import { startPrivatePostgres, type PrivatePostgres } from "./private-postgres.js";

const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const databases: string[] = [];

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A throw-away database on the real server, dropped after the file's tests. */
async function freshStore(): Promise<string> {
  const name = uniqueName("parity_history");
  await admin(`CREATE DATABASE ${name}`);
  databases.push(name);
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

async function rows(url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of databases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("the PostgreSQL history store (--history postgres://…)", () => {
  it("creates its tables on first use while two audits write at once, and loses neither", async () => {
    const url = await freshStore();
    const a = await scenarioCopy("config-drift");
    const b = await scenarioCopy("scenarios/regions", { service: "payments-regions" });
    const [first, second] = await Promise.all([runCli(["audit", "--history", url, "--format", "json"], { cwd: a }), runCli(["audit", "--history", url, "--format", "json"], { cwd: b })]);
    expect(first.stderr).not.toContain("could not");
    expect(second.stderr).not.toContain("could not");
    expect([first.code, second.code]).toEqual([1, 1]);
    const saved = await rows(url, "SELECT service, map, passed, exit_code, audit->>'generatedAt' AS generated FROM parity_audits ORDER BY service");
    expect(saved.map((r) => r.service)).toEqual(["payments", "payments-regions"]);
    expect(saved.map((r) => r.generated).sort()).toEqual([JSON.parse(first.stdout).generatedAt, JSON.parse(second.stdout).generatedAt].sort());
    expect(await rows(url, "SELECT version FROM parity_history_migrations")).toEqual([{ version: 1 }]);

    // And again, both at once into a store that exists: still one row each.
    await Promise.all([runCli(["audit", "--history", url], { cwd: a }), runCli(["audit", "--history", url], { cwd: b })]);
    expect(await rows(url, "SELECT count(*)::int AS n FROM parity_audits")).toEqual([{ n: 4 }]);

    const listed = await runCli(["history", "--history", url], { cwd: a });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("payments-regions");
    expect(listed.stdout).toMatch(/4 audits saved in postgres:\/\/postgres@127\.0\.0\.1:5432\/parity_history_\w+, 2 services and maps/);
    const json = JSON.parse((await runCli(["history", "--history", url, "--service", "payments", "--format", "json"], { cwd: a })).stdout);
    expect(json).toHaveLength(2);
    expect(new Set(json.map((r: { service: string }) => r.service))).toEqual(new Set(["payments"]));

    // The fleet reads the newest audit of each service and map from the store; the review reads them all.
    const fleet = JSON.parse((await runCli(["fleet", "--history", url, "--format", "json"], { cwd: a })).stdout);
    expect(fleet.services.map((s: { service: string }) => s.service).sort()).toEqual(["payments", "payments-regions"]);
    expect(fleet.audits).toBe(2);
    const review = JSON.parse((await runCli(["review", "--history", url, "--format", "json"], { cwd: a })).stdout);
    expect(review.audits).toBe(4);
  });

  it("keeps each audit byte for byte, and dates findings from the audits it holds", async () => {
    const url = await freshStore();
    const dir = await scenarioCopy("config-drift");
    const map = path.join(dir, "parity-map.yaml");
    const store = await PostgresStore.open(url);
    try {
      const { recordAudit } = await import("../../src/history/record.js");
      const location = { kind: "postgres" as const, url };
      await recordAudit(await auditAt(map, day(0)), location, () => {});
      const later = await recordAudit(await auditAt(map, day(41)), location, () => {});
      expect(finding(later, "PAYMENT_TIMEOUT_MS")).toMatchObject({ firstSeen: day(0).toISOString(), ageDays: 41 });
      const { audits } = await store.list({ service: "payments" });
      expect(audits.map((s) => s.audit.generatedAt)).toEqual([day(0).toISOString(), day(41).toISOString()]);
      expect(JSON.stringify(audits[1]!.audit)).toBe(JSON.stringify(later));
      expect((await store.list({ since: day(10) })).audits).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it("an unreachable store is a warning: the report and the gate stand", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const dir = await scenarioCopy("config-drift");
    const result = await runCli(["audit", "--history", `postgres://parity:hunter2-secret@127.0.0.1:${closed}/history`, "--format", "json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).verdict.summary).toMatch(/^Gate \(default\): FAILED, exit 1/);
    expect(result.stderr).toContain(`parity: could not save this audit to history: history store postgres://parity:«redacted»@127.0.0.1:${closed}/history: cannot connect: connect ECONNREFUSED`);
    expect(result.stderr).toContain("the report and the gate stand");
    expect(result.stderr).not.toContain("hunter2-secret");
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

describe("a history store with a wrong password", () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await startPrivatePostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("is refused by the server, and the password is redacted in every message", async () => {
    const wrong = "Wr0ng-Pa55-word";
    const url = server.url(wrong);
    const dir = await scenarioCopy("config-drift");
    const audit = await runCli(["audit", "--history", url], { cwd: dir });
    expect(audit.code).toBe(1);
    expect(audit.stdout).toContain("PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production");
    expect(audit.stderr).toContain(`history store postgres://postgres:«redacted»@127.0.0.1:${server.port}/postgres: cannot connect: password authentication failed for user "postgres"`);

    for (const args of [["history", "--history", url], ["fleet", "--history", url], ["review", "--history", url]]) {
      const result = await runCli(args, { cwd: dir });
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr, args[0]).toContain("password authentication failed");
      expect(`${result.stdout}${result.stderr}`, args[0]).not.toContain(wrong);
      expect(result.stderr, args[0]).not.toMatch(/internal error|\n\s+at /);
    }
    for (const text of [audit.stdout, audit.stderr]) expect(text).not.toContain(wrong);
  });

  it("the right password works against the same server", async () => {
    const dir = await scenarioCopy("config-drift");
    const audit = await runCli(["audit", "--history", server.url()], { cwd: dir });
    expect(audit.stderr).not.toContain("could not");
    const listed = await runCli(["history", "--history", server.url()], { cwd: dir });
    expect(listed.stdout).toMatch(/1 audit saved in postgres:\/\/postgres:«redacted»@127\.0\.0\.1:\d+\/postgres/);
    expect(listed.stdout).not.toContain(server.password);
  });
});
