import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { everyOutput, expectNone, folder } from "./outputs.js";

// Secrets under innocent names, by their look only: no key says SECRET or TOKEN. On the code this
// started from every one of them was printed in every format, and `map suggest --write` wrote
// them into the committed map as entry summaries. Generated here, never committed.
const b62 = (n: number) => Array.from(randomBytes(n), (b) => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[b % 62]).join("");
const b64url = (text: string) => Buffer.from(text).toString("base64url");
const jwt = () => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: b62(10), iat: 1764000000 }))}.${b62(43)}`;
const pem = () => generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey.trim();
const side = () => ({
  SESSION_BLOB: jwt(),
  UPSTREAM_ID: `AKIA${b62(16).toUpperCase().replace(/[^A-Z0-9]/g, "Q")}`,
  TLS_MATERIAL: pem(),
  BILLING_PROVIDER: `sk_live_${b62(24)}`,
  ALERTS_HOOK: `https://hooks.slack.com/services/T${b62(8).toUpperCase()}/B${b62(8).toUpperCase()}/${b62(24)}`,
  CI_BOT: `ghp_${b62(36)}`,
});
const staging = side();
const production = side();
const session = { staging: jwt(), production: jwt() };
const bodyToken = { staging: `sk_live_${b62(24)}`, production: `sk_live_${b62(24)}` };
const failureToken = `ghp_${b62(36)}`;
const ALL = [...Object.values(staging), ...Object.values(production), ...Object.values(session), ...Object.values(bodyToken), failureToken];
// Each PEM's base64 body, line by line, and each secret's longest random stretch.
const FRAGMENTS = ALL.flatMap((s) => (s.includes("PRIVATE KEY") ? s.split("\n").filter((l) => l.length > 40) : [s]));

let server: Server;
let outputs: Record<string, string>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const env = req.url?.startsWith("/s/") ? "staging" : "production";
    res.writeHead(200, { "content-type": "application/json", "x-session": session[env] });
    res.end(JSON.stringify({ plan: "pro", token: bodyToken[env] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const junit = (failure?: string) =>
    `<testsuite name="api"><testcase classname="api.Auth" name="logs in">${failure ? `<failure message="${failure}"/>` : ""}</testcase></testsuite>`;
  const dir = await folder({
    "staging.json": JSON.stringify(staging),
    "production.json": JSON.stringify(production),
    "staging.xml": junit(),
    "production.xml": junit(`AuthError: the CI bot ${failureToken} was rejected`),
    "parity-map.yaml": `version: 1
service: lookalikes
environments:
  staging:
    config: { file: staging.json }
    http: { baseUrl: "${base}/s" }
  production:
    config: { file: production.json }
    http: { baseUrl: "${base}/p" }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: app-config, kind: config }
  - { id: profile, kind: status, requests: [{ path: /profile }], compare: { values: ["$.token", "$.plan"] } }
  - { id: ci, kind: tests, results: { staging: staging.xml, production: production.xml } }
`,
  });
  outputs = await everyOutput(dir, {});
}, 300_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("secret-looking values, whatever their key", () => {
  it("are still compared: each differing one is a finding, said without its value", () => {
    const json = outputs["json report"]!;
    for (const key of Object.keys(staging)) expect(json).toContain(`${key} differs (its value looks like a credential, compared by hash)`);
    expect(json).toMatch(/X-Session differs: staging sends \\"«redacted»\\", production \\"«redacted»\\"/);
    expect(json).toMatch(/\$\.token differs: staging \\"«redacted»\\", production \\"«redacted»\\"/);
    expect(json).toMatch(/"api\.Auth::logs in\\" passes in staging but fails in production: AuthError: the CI bot «redacted» was rejected/);
  });

  it("appear in no report, checklist, history, snapshot or map suggestion, and are never written into the map", () => {
    expect(outputs["map after suggest --write"]).toContain("summary: SESSION_BLOB differs (its value looks like a credential, compared by hash)");
    expect(outputs["map after suggest --write"]).toContain("the CI bot «redacted» was rejected");
    expectNone(outputs, FRAGMENTS);
  });

  it("keep ordinary values readable", () => {
    expect(outputs["json report"]).not.toMatch(/plan differs/);
    expect(outputs["production snapshot"]).toContain('"pro"');
  });
});
