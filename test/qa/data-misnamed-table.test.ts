import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

// Real PostgreSQL on 127.0.0.1:5432 (trust auth), a throw-away database per side.
const admin = "postgres://postgres@127.0.0.1:5432/postgres";
const names = [`parity_qa_s_${process.pid}`, `parity_qa_p_${process.pid}`];

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  for (const name of names) {
    await sql(admin, `DROP DATABASE IF EXISTS ${name}`);
    await sql(admin, `CREATE DATABASE ${name}`);
    await sql(`postgres://postgres@127.0.0.1:5432/${name}`, "CREATE TABLE payouts (id int PRIMARY KEY, amount int); INSERT INTO payouts SELECT g, g FROM generate_series(1, 50) g");
  }
});

afterAll(async () => {
  for (const name of names) await sql(admin, `DROP DATABASE IF EXISTS ${name}`);
});

const map = (tables: string) => `version: 1
service: qa
environments:
  staging: { database: { url: "postgres://postgres@127.0.0.1:5432/${names[0]}" } }
  production: { database: { url: "postgres://postgres@127.0.0.1:5432/${names[1]}" } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: data, kind: data, tables: ${tables} }
`;

async function audit(tables: string): Promise<{ code: number | null; probe: { status: string; error?: string } }> {
  const dir = await tempFolder("parity-qa-data-");
  await writeFile(path.join(dir, "parity-map.yaml"), map(tables));
  const result = await runCli(["audit", "--format", "json", "--no-history"], { cwd: dir });
  return { code: result.code, probe: JSON.parse(result.stdout).pairs[0].probes[0] };
}

describe("data probe: a table or column the map names that exists on neither side", () => {
  it("a misspelt table fails the probe (exit 3) instead of passing green with nothing compared", async () => {
    const { code, probe } = await audit("[{ name: payout }]");
    expect(code).toBe(3);
    expect(probe.status).toBe("error");
    expect(probe.error).toContain("table payout exists in neither staging nor production");
  });

  it("a misspelt column likewise", async () => {
    const { code, probe } = await audit("[{ name: payouts, columns: [amount, amuont] }]");
    expect(code).toBe(3);
    expect(probe.error).toContain("payouts: column amuont exists in neither staging nor production");
  });

  it("the right names still compare cleanly", async () => {
    const { code, probe } = await audit("[{ name: payouts, columns: [amount] }]");
    expect(probe.status).toBe("ok");
    expect(code).toBe(0);
  });
});
