import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProbeError } from "../../src/errors.js";
import { FIXTURES, collect, plain } from "./helpers.js";

describe("config file sources", () => {
  it("reads a .env file with dotenv's rules (export, quotes, inline comments)", async () => {
    const snap = await collect({ file: "staging.env" });
    expect(snap.source).toBe("file staging.env");
    expect(plain(snap)).toEqual({
      CREDIT_BUREAU_URL: "https://sandbox.bureau.example.com/v2",
      // The password inside the URL is hidden; the rest of the URL stays readable.
      DATABASE_URL: "postgres://app:«redacted»@db.staging.internal:5432/payments",
      FEATURE_INSTANT_PAYOUTS: "on",
      GREETING: "hello world",
      PAYMENTS_API_KEY: null,
      PAYMENT_TIMEOUT_MS: "3000",
      RETRY_LIMIT: "5",
    });
    expect(Object.keys(snap.values)).toEqual(Object.keys(snap.values).sort());
  });

  it("flattens nested JSON to dotted keys, lists of scalars as sets, non-strings as JSON text", async () => {
    const snap = await collect({ file: "production.json" });
    expect(plain(snap)).toEqual({
      PAYMENT_TIMEOUT_MS: "1500",
      "db.hosts": '["db-1.prod.internal","db-2.prod.internal"]',
      "db.pool.max": "20",
      "features.extra": "{}",
      "features.instantPayouts": "false",
      "features.labels": "[]",
      notes: "null",
      "payment.currency": "EUR",
      "payment.retry.backoff": "[100,200,400]",
      "payment.retry.limit": "3",
      "payments.apiKey": null,
    });
    expect(snap.values["payments.apiKey"].secret).toBe(true);
  });

  it("flattens YAML, lists of mappings keyed by name", async () => {
    const snap = await collect({ file: "app.yaml" });
    expect(plain(snap)).toEqual({
      "feature_flags.instant_payouts": "true",
      "service.name": "payments",
      "service.port": "8080",
      "service.upstreams[bureau].name": "bureau",
      "service.upstreams[bureau].url": "https://bureau.example.com",
      "service.upstreams[ledger].name": "ledger",
      "service.upstreams[ledger].url": "https://ledger.example.com",
      timeout: "2.5s",
    });
  });

  it("resolves relative paths against the map's folder and accepts absolute ones", async () => {
    const relative = await collect({ file: "fixtures/app.yaml" }, { mapDir: join(FIXTURES, "..") });
    const absolute = await collect({ file: join(FIXTURES, "app.yaml") }, { mapDir: "/nonexistent" });
    expect(plain(relative)).toEqual(plain(absolute));
  });

  it("reads comment-only files as an empty configuration", async () => {
    expect((await collect({ file: "comments-only.env" })).values).toEqual({});
    expect((await collect({ file: "comments-only.yaml" })).values).toEqual({});
  });

  it.each([
    ["missing.env", /^config file missing\.env \(.*fixtures\/missing\.env\) does not exist$/],
    [".", /config file \. \(.*fixtures\) is a directory, not a file$/],
    ["scalar.json", /^config file scalar\.json .* must hold an object of keys and values, or a list, not a single string$/],
    ["page.env", /^config file page\.env .* is neither JSON nor KEY=value lines$/],
    ["broken.yaml", /^config file broken\.yaml .* is not valid YAML at line 3, column 1: Flow sequence/],
    ["broken.json", /^config file broken\.json .* is not valid JSON/],
  ])("a bad file %s is a ProbeError naming it", async (file, message) => {
    const error = await collect({ file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as Error).message).toMatch(message);
    // Parser messages quote the file; the broken part here is a canary that must not leak.
    expect((error as Error).message).not.toContain("canary");
  });

  describe("unreadable files", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "parity-config-"));
      await writeFile(join(dir, "locked.env"), "A=1\n", { mode: 0o000 });
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    // root reads any file regardless of its mode, so the case only exists for other users.
    it.skipIf(process.getuid?.() === 0)("says the file cannot be read", async () => {
      await expect(collect({ file: "locked.env" }, { mapDir: dir })).rejects.toThrow(/locked\.env .* cannot be read \(permission denied\)/);
    });
  });

  it.each([
    [{}, /environment staging: config needs exactly one of file, url or command, and has none/],
    [{ file: "staging.env", command: "echo A=1" }, /needs exactly one of file, url or command, but has file and command/],
    [{ file: "a.env", url: "http://x", command: "true" }, /but has file and url and command/],
    [{ snapshot: "prod.json" }, /has none \(config\.snapshot is read by the runner/],
  ])("a config section with %j is a ProbeError", async (config, message) => {
    await expect(collect(config)).rejects.toThrow(message);
  });

  it("an environment without a config section is a ProbeError", async () => {
    await expect(collect(undefined)).rejects.toThrow("environment staging has no config section");
  });
});
