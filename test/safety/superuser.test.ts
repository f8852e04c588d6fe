import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../probes/database/session.js";
import { dataProbe } from "../../probes/data/index.js";
import { schemaProbe } from "../../probes/schema/index.js";
import { collectContext, compareContext, env, options } from "../data/context.js";
import { collectContext as schemaContext, options as schemaOptions } from "../schema/helpers.js";
import { runCli } from "../cli/run-cli.js";
import { canaryDb, type CanaryDb } from "./servers.js";

/** A login role / account that may only read the canary table. */
async function readOnlyRole(db: CanaryDb, name: string): Promise<string> {
  if (db.engine === "postgres") {
    await db.exec(`CREATE ROLE ${name} LOGIN; GRANT SELECT ON canary TO ${name};`);
    return db.url().replace("postgres@", `${name}@`);
  }
  await db.exec(`CREATE USER '${name}'@'%'; GRANT SELECT ON ${db.name}.canary TO '${name}'@'%';`);
  return db.url().replace("root@", `${name}@`);
}

describe.each(["postgres", "mariadb"] as const)("%s: a superuser session is named in the report", (engine) => {
  let db: CanaryDb;
  let readOnly: string;
  const role = `parity_ro_${process.pid}_${engine === "postgres" ? "pg" : "my"}`;
  beforeAll(async () => {
    db = await canaryDb(engine);
    readOnly = await readOnlyRole(db, role);
  });
  afterAll(async () => {
    await db.drop();
    await (engine === "postgres" ? db.exec(`DROP OWNED BY ${role}`).catch(() => undefined) : Promise.resolve());
    const { pgExec, myExec } = await import("../schema/helpers.js");
    await (engine === "postgres" ? pgExec("postgres", `DROP ROLE IF EXISTS ${role}`) : myExec(null, `DROP USER IF EXISTS '${role}'@'%'`));
  });

  it("the session knows whether it runs as a superuser", async () => {
    const admin = await openSession(db.url());
    const plain = await openSession(readOnly);
    try {
      expect(admin.role).toEqual({ user: engine === "postgres" ? "postgres" : "root@127.0.0.1", superuser: true });
      expect(plain.role).toEqual({ user: engine === "postgres" ? role : `${role}@%`, superuser: false });
    } finally {
      await admin.close();
      await plain.close();
    }
  });

  it("the data probe says so as a security measurement, and still profiles read-only", async () => {
    const opts = options({ tables: [{ name: "canary" }] });
    const staging = await dataProbe.collect(env("staging", db.url()), collectContext(opts, "staging"));
    const production = await dataProbe.collect(env("production", readOnly), collectContext(opts, "production"));
    expect(staging.tables[0]!.rows).toBe(3);
    const notes = dataProbe.compare(staging, production, compareContext(opts)).filter((o) => o.aspect === "superuser");
    const user = engine === "postgres" ? "postgres" : "root@127.0.0.1";
    expect(notes).toEqual([
      {
        subject: "database session", aspect: "superuser", severity: "medium", dimension: "security", kind: "measurement",
        message: `The staging session runs as superuser ${user}: use a read-only role (the audit still ran read-only)`,
        staging: `${user} (superuser)`, production: engine === "postgres" ? role : `${role}@%`,
      },
    ]);
    // Both read-only roles: nothing to say.
    expect(dataProbe.compare(production, production, compareContext(opts)).filter((o) => o.aspect === "superuser")).toEqual([]);
  });

  it("the schema probe says so too", async () => {
    const staging = await schemaProbe.collect({ name: "staging", database: { url: db.url() } }, schemaContext());
    const production = await schemaProbe.collect({ name: "production", database: { url: db.url() } }, schemaContext({ side: "production" }));
    const notes = schemaProbe.compare(staging, production, { probeId: "db-schema", options: schemaOptions(), staging: { name: "staging" }, production: { name: "production" }, differenceIds: [], now: new Date() });
    expect(notes.filter((o) => o.aspect === "superuser").map((o) => o.message)).toEqual([
      `The staging session runs as superuser ${engine === "postgres" ? "postgres" : "root@127.0.0.1"}, and the production session runs as superuser ${engine === "postgres" ? "postgres" : "root@127.0.0.1"}: use a read-only role (the audit still ran read-only)`,
    ]);
  });
});

describe("parity audit names the superuser session in its report", () => {
  let db: CanaryDb;
  let dir: string;
  beforeAll(async () => {
    db = await canaryDb("postgres");
    dir = await mkdtemp(path.join(os.tmpdir(), "parity-superuser-"));
    await writeFile(
      path.join(dir, "parity-map.yaml"),
      `version: 1
service: superuser
environments:
  staging: { database: { url: "${db.url()}" } }
  production: { database: { url: "${db.url()}" } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: data, kind: data, tables: [{ name: canary }] }
`,
    );
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("as a security measurement in every format, without tripping the gate", async () => {
    const sentence = "The staging session runs as superuser postgres, and the production session runs as superuser postgres: use a read-only role";
    const json = await runCli(["audit", "--no-history", "--format", "json"], { cwd: dir });
    expect(json.code).toBe(0);
    const findings = (JSON.parse(json.stdout) as { pairs: Array<{ findings: Array<Record<string, unknown>> }> }).pairs[0]!.findings;
    expect(findings.filter((f) => f.aspect === "superuser")).toEqual([
      expect.objectContaining({ probe: "data", subject: "database session", dimension: "security", kind: "measurement", message: expect.stringContaining(sentence) }),
    ]);
    const markdown = await runCli(["audit", "--no-history", "--format", "markdown"], { cwd: dir });
    expect(markdown.stdout).toContain(sentence);
  });
});
