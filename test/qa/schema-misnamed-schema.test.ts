import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import mysql from "mysql2/promise";
import { runCli } from "../cli/run-cli.js";
import { tempFolder } from "../support/temp-folder.js";

// Real servers: PostgreSQL 127.0.0.1:5432 (trust) and MariaDB 127.0.0.1:3306 (root, no password).
const pgNames = [`parity_qa_ss_${process.pid}`, `parity_qa_sp_${process.pid}`];
const myNames = [`parity_qa_ms_${process.pid}`, `parity_qa_mp_${process.pid}`];

async function pgSql(db: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function mySql(text: string): Promise<void> {
  const conn = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", multipleStatements: true });
  try {
    await conn.query(text);
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  for (const name of pgNames) {
    await pgSql("postgres", `DROP DATABASE IF EXISTS ${name}`);
    await pgSql("postgres", `CREATE DATABASE ${name}`);
    await pgSql(name, "CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int PRIMARY KEY)");
  }
  for (const name of myNames) await mySql(`DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name}; CREATE TABLE ${name}.invoices (id int PRIMARY KEY)`);
});

afterAll(async () => {
  for (const name of pgNames) await pgSql("postgres", `DROP DATABASE IF EXISTS ${name}`);
  for (const name of myNames) await mySql(`DROP DATABASE IF EXISTS ${name}`);
});

async function audit(urls: [string, string], schemas: string): Promise<{ code: number | null; probe: { status: string; error?: string } }> {
  const dir = await tempFolder("parity-qa-schemas-");
  await writeFile(
    path.join(dir, "parity-map.yaml"),
    `version: 1
service: qa
environments:
  staging: { database: { url: "${urls[0]}" } }
  production: { database: { url: "${urls[1]}" } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: db-schema, kind: schema, schemas: ${schemas} }
`,
  );
  const result = await runCli(["audit", "--format", "json", "--no-history"], { cwd: dir });
  return { code: result.code, probe: JSON.parse(result.stdout).pairs[0].probes[0] };
}

const pgUrls: [string, string] = [`postgres://postgres@127.0.0.1:5432/${pgNames[0]}`, `postgres://postgres@127.0.0.1:5432/${pgNames[1]}`];
const myUrls: [string, string] = [`mysql://root@127.0.0.1:3306/${myNames[0]}`, `mysql://root@127.0.0.1:3306/${myNames[1]}`];

describe("schema probe: a schema the map names that neither database has", () => {
  it.each([
    ["PostgreSQL", pgUrls, "[biling]", "biling"],
    ["MariaDB", myUrls, `[${myNames[0]}x]`, `${myNames[0]}x`],
  ])("%s: fails the probe naming it, instead of comparing nothing and passing green", async (_engine, urls, schemas, name) => {
    const { code, probe } = await audit(urls as [string, string], schemas as string);
    expect(code).toBe(3);
    expect(probe.status).toBe("error");
    expect(probe.error).toContain(`schemas: ${name} exists in neither staging nor production`);
  });

  it("the right name still compares cleanly (PostgreSQL)", async () => {
    const { code, probe } = await audit(pgUrls, "[billing]");
    expect(probe.status).toBe("ok");
    expect(code).toBe(0);
  });
});
