import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { everyOutput, expectNone, folder } from "./outputs.js";

// A careless target echoes the credential it was sent, in other spellings: lower-cased (a
// debug header), base64 (a "request fingerprint"), URL-encoded (a redirect target) and inside a
// JSON body. On the code this started from only the exact spelling was scrubbed.
const TOKENS = { staging: "Stg-7f3Q-Token-9931-aZ", production: "Prd-2b8K-Token-4410-xW" };
const forms = (header: string) => [header.toLowerCase(), Buffer.from(header).toString("base64"), Buffer.from(`{"auth":"${header}"}`).toString("base64"), encodeURIComponent(header)];

let server: Server;
let outputs: Record<string, string>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? "");
    const [lower, b64, b64json, url] = forms(auth);
    res.writeHead(200, { "content-type": "application/json", "x-debug-auth": lower!, "x-fingerprint": b64!, "x-trace": b64json!, "x-next": `/login?return=${url}` });
    res.end(JSON.stringify({ echo: { lower, b64, url } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = await folder({
    "parity-map.yaml": `version: 1
service: echo
environments:
  staging: { http: { baseUrl: "${base}", headers: { Authorization: "Bearer \${STG_TOKEN}" } } }
  production: { http: { baseUrl: "${base}", headers: { Authorization: "Bearer \${PRD_TOKEN}" } } }
pairs:
  - { staging: staging, production: production }
probes:
  - { id: echo, kind: status, requests: [{ path: /me }], compare: { values: ["$.echo.*"] } }
`,
  });
  outputs = await everyOutput(dir, { STG_TOKEN: TOKENS.staging, PRD_TOKEN: TOKENS.production });
}, 300_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("an auth header echoed back by the target", () => {
  it("reached the outputs, scrubbed (the probe ran and kept the headers and body values)", () => {
    for (const side of ["staging", "production"]) {
      const snapshot = outputs[`${side} snapshot`]!;
      expect(snapshot).toContain('"x-debug-auth": "«redacted»"');
      expect(snapshot).toContain('"x-next": "/login?return=«redacted»"');
      expect(snapshot).toContain('"x-fingerprint": "«redacted»"');
      expect(snapshot).toContain('"$.echo.lower": "«redacted»"');
    }
  });

  it("never appears, lower-cased, base64-encoded (at any offset) or URL-encoded, anywhere", () => {
    const spellings = Object.values(TOKENS).flatMap((token) => [token, ...forms(`Bearer ${token}`), ...forms(token)]);
    // base64 of the token inside a longer text: the stretch that depends on the token alone.
    const inner = Object.values(TOKENS).map((token) => Buffer.from(`{"auth":"Bearer ${token}"}`).toString("base64").slice(16, 36));
    expectNone(outputs, [...spellings, ...inner]);
  });
});
