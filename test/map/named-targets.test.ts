import { describe, expect, it } from "vitest";
import { parseMap } from "../../src/map/load.js";
import { redactorFor } from "../../src/map/secrets.js";
import { plan } from "../../src/run/plan.js";

const today = new Date("2026-12-01T00:00:00Z");
const load = (text: string) => parseMap(text, "parity-map.yaml", { env: {}, today });

// A service with PostgreSQL and MariaDB and two HTTP services, in two regions.
const MAP = `version: 1
service: payments
environments:
  staging:
    databases:
      main: { url: "postgres://app:stg-main-pw@127.0.0.1:5432/payments" }
      ledger: { url: "mysql://app:stg-ledger-pw@127.0.0.1:3306/ledger" }
    services:
      api: { baseUrl: "http://127.0.0.1:1" }
      admin: { baseUrl: "http://127.0.0.1:2" }
    config: { file: staging.env }
  production-eu:
    databases:
      main: { url: "postgres://app@eu/payments" }
      ledger: { url: "mysql://app@eu/ledger" }
    services:
      api: { baseUrl: "http://eu.example" }
      admin: { baseUrl: "http://eu-admin.example" }
    config: { file: eu.env }
pairs:
  - { staging: staging, production: production-eu }
probes:
  - { id: main-schema, kind: schema, database: main }
  - { id: ledger-schema, kind: schema, database: ledger }
  - { id: api-status, kind: status, service: api, requests: [{ path: /health }] }
  - { id: app-config, kind: config }
`;

const problemsOf = (text: string) => load(text).problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`);

describe("several named targets per environment", () => {
  it("validates a map whose probes name the database and service they read", () => {
    expect(problemsOf(MAP)).toEqual([]);
  });

  it("plans each probe against the target it names", () => {
    const [pair] = plan(load(MAP).map!);
    expect(pair!.name).toBe("staging-production-eu");
    expect(pair!.tasks.map((t) => t.entry.id)).toEqual(["main-schema", "ledger-schema", "api-status", "app-config"]);
  });

  it("names an unknown target at the probe's key, with a did-you-mean and the names there are", () => {
    expect(problemsOf(MAP.replace("database: ledger }", "database: ledgr }"))).toEqual([
      '24:50 probes[1].database schema probe "ledger-schema" reads a database, but environment "staging" has no database named "ledgr" — did you mean "ledger"? (databases: main, ledger)',
      '24:50 probes[1].database schema probe "ledger-schema" reads a database, but environment "production-eu" has no database named "ledgr" — did you mean "ledger"? (databases: main, ledger)',
    ]);
  });

  it("asks which one to read when an environment has several and the probe names none", () => {
    const problems = problemsOf(MAP.replace("kind: status, service: api,", "kind: status,"));
    expect(problems[0]).toBe(
      '25:5 probes[2] status probe "api-status" reads an HTTP service, but environment "staging" has 2 services (api, admin); name the one to read with `service: NAME`',
    );
  });

  it("keeps secrets of every named target out of every output", () => {
    const redactor = redactorFor(load(MAP).map!);
    expect(redactor.scrub("stg-main-pw and stg-ledger-pw")).toBe("«redacted» and «redacted»");
  });

  it("wants exactly one source per named target, at its key", () => {
    const text = MAP.replace('ledger: { url: "mysql://app:stg-ledger-pw@127.0.0.1:3306/ledger" }', 'ledger: { url: "mysql://x@h/l", snapshot: ledger.json }');
    expect(problemsOf(text)).toEqual(["7:39 environments.staging.databases.ledger.snapshot databases.ledger takes exactly one of url, snapshot, but has url and snapshot"]);
  });
});

describe("a probe whose environment lacks the target it needs", () => {
  // On the main this session started from, both validated and failed only at audit time.
  it("is a map error at the probe: a status probe on an environment without http", () => {
    const text = `version: 1
service: s
environments:
  staging: { http: { baseUrl: "http://127.0.0.1:1" } }
  production: { database: { url: "postgres://x@h/d" } }
pairs: [{ staging: staging, production: production }]
probes:
  - { id: health, kind: status, requests: [{ path: /health }] }
`;
    expect(problemsOf(text)).toEqual([
      '8:5 probes[0] status probe "health" reads an HTTP service, but environment "production" has no HTTP service (add environments.production.http, or services.NAME)',
    ]);
  });

  it("is not an error on a pair the probe does not run on", () => {
    const text = `version: 1
service: s
environments:
  staging: { database: { url: "postgres://x@h/a" }, http: { baseUrl: "http://127.0.0.1:1" } }
  production: { database: { url: "postgres://x@h/b" }, http: { baseUrl: "http://127.0.0.1:2" } }
  reporting: { database: { url: "postgres://x@h/c" } }
pairs:
  - { staging: staging, production: production }
  - { name: reporting, staging: staging, production: reporting }
probes:
  - { id: health, kind: status, pairs: [staging-production], requests: [{ path: /health }] }
  - { id: db, kind: schema }
`;
    expect(problemsOf(text)).toEqual([]);
  });
});

describe("a probe whose pairs and target are both mistyped", () => {
  it("gets both problems in one run: its target is checked on every pair when its pairs name none", () => {
    const text = `version: 1
service: s
environments:
  staging: { databases: { main: { url: "postgres://x@h/a" }, ledger: { url: "postgres://x@h/l" } } }
  production-eu: { databases: { main: { url: "postgres://x@h/b" }, ledger: { url: "postgres://x@h/m" } } }
pairs:
  - { name: eu, staging: staging, production: production-eu }
probes:
  - { id: ledger-schema, kind: schema, database: ledgr, pairs: [euu] }
`;
    const problems = problemsOf(text).join("\n");
    expect(problems).toMatch(/probes\[0\]\.pairs\[0\] +no pair is named "euu" — did you mean "eu"\?/);
    expect(problems).toMatch(/probes\[0\]\.database +schema probe "ledger-schema" reads a database, but environment "staging" has no database named "ledgr" — did you mean "ledger"\?/);
  });
});

describe("pair names", () => {
  const text = `version: 1
service: s
environments:
  staging: { database: { url: "postgres://x@h/a" } }
  production: { database: { url: "postgres://x@h/b" } }
pairs: [{ staging: staging, production: production }]
probes:
  - { id: db, kind: schema, pairs: ["staging→production"] }
`;

  it("are plain ASCII by default, and the arrow form written by older maps still names the pair", () => {
    expect(problemsOf(text)).toEqual([]);
    expect(plan(load(text).map!).map((p) => [p.name, p.tasks.length])).toEqual([["staging-production", 1]]);
    expect(plan(load(text).map!, { pair: "staging→production" })).toHaveLength(1);
  });

  it("suggest the nearest name for a mistyped --pair", () => {
    expect(() => plan(load(text).map!, { pair: "staging-prodution" })).toThrow('no pair is named "staging-prodution" — did you mean "staging-production"? (pairs: staging-production)');
  });
});
