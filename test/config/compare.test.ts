import { createHash } from "node:crypto";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { configProbe } from "../../probes/config/index.js";
import { toSnapshot } from "../../probes/config/snapshot.js";
import { DEFAULT_SECRET_PATTERNS, REDACTED } from "../../src/redact.js";
import { compare } from "./helpers.js";

const SECRETS = [...DEFAULT_SECRET_PATTERNS];
const snap = (values: Record<string, string>, secrets = SECRETS) => toSnapshot("test", values, secrets);

describe("config compare", () => {
  it("reports keys missing on either side, with the severity rule for targets and timeouts", () => {
    const observations = compare(
      snap({ ONLY_STAGING: "x", STAGING_CALLBACK_URL: "https://s", shared: "1" }),
      snap({ FRAUD_CHECK_MODE: "strict", "upstream.readTimeout": "5s", shared: "1" }),
    );
    expect(observations).toEqual([
      {
        subject: "FRAUD_CHECK_MODE",
        aspect: "missing-in-staging",
        severity: "medium",
        message: "FRAUD_CHECK_MODE is set in production (strict) but missing in staging",
        staging: null,
        production: "strict",
      },
      {
        subject: "ONLY_STAGING",
        aspect: "missing-in-production",
        severity: "medium",
        message: "ONLY_STAGING is set in staging (x) but missing in production",
        staging: "x",
        production: null,
      },
      {
        subject: "STAGING_CALLBACK_URL",
        aspect: "missing-in-production",
        severity: "high",
        message: "STAGING_CALLBACK_URL is set in staging (https://s) but missing in production",
        staging: "https://s",
        production: null,
      },
      {
        subject: "upstream.readTimeout",
        aspect: "missing-in-staging",
        severity: "high",
        message: "upstream.readTimeout is set in production (5s) but missing in staging",
        staging: null,
        production: "5s",
      },
    ]);
  });

  it("reports differing values in words, and nothing for equal ones", () => {
    const observations = compare(
      snap({ PAYMENT_TIMEOUT_MS: "3000", RETRY_LIMIT: "5", EMPTY: "", SAME: "same" }),
      snap({ PAYMENT_TIMEOUT_MS: "1500", RETRY_LIMIT: "3", EMPTY: "set", SAME: "same" }),
    );
    expect(observations.map((o) => [o.subject, o.aspect, o.severity, o.message, o.staging, o.production])).toEqual([
      ["EMPTY", "value", "medium", 'EMPTY is "" in staging and set in production', "", "set"],
      ["PAYMENT_TIMEOUT_MS", "value", "medium", "PAYMENT_TIMEOUT_MS is 3000 in staging and 1500 in production", "3000", "1500"],
      ["RETRY_LIMIT", "value", "medium", "RETRY_LIMIT is 5 in staging and 3 in production", "5", "3"],
    ]);
  });

  it("drops keys matching ignore globs (case-sensitive, * crosses dots) and counts them in a note", () => {
    const observations = compare(
      snap({ BUILD_SHA: "abc", BUILD_TIME: "1", "deploy.meta.commit": "a", build_sha: "x", KEEP: "1" }),
      snap({ BUILD_SHA: "def", BUILD_TIME: "2", "deploy.meta.commit": "b", build_sha: "y", KEEP: "2" }),
      { ignore: ["BUILD_*", "deploy.*"] },
    );
    expect(observations.map((o) => o.subject)).toEqual(["KEEP", "build_sha", "(ignored)"]);
    expect(observations[2]).toMatchObject({
      kind: "measurement",
      message: "3 differences ignored by rules: BUILD_* (2), deploy.* (1) (not reported as findings)",
    });
  });

  it("compares secrets by hash, shows them redacted and rates a differing secret low", () => {
    const observations = compare(
      snap({ PAYMENTS_API_KEY: "canary-a-111", "db.Password": "same-pw", WEBHOOK_SECRET: "canary-w-333" }),
      snap({ PAYMENTS_API_KEY: "canary-b-222", "db.Password": "same-pw", SIGNING_TOKEN: "canary-t-444" }),
    );
    expect(observations).toEqual([
      {
        subject: "PAYMENTS_API_KEY",
        aspect: "value",
        severity: "low",
        message: "PAYMENTS_API_KEY differs (secret, compared by hash)",
        staging: REDACTED,
        production: REDACTED,
      },
      {
        subject: "SIGNING_TOKEN",
        aspect: "missing-in-staging",
        severity: "medium",
        message: "SIGNING_TOKEN is set in production (secret, value not shown) but missing in staging",
        staging: null,
        production: REDACTED,
      },
      {
        subject: "WEBHOOK_SECRET",
        aspect: "missing-in-production",
        severity: "medium",
        message: "WEBHOOK_SECRET is set in staging (secret, value not shown) but missing in production",
        staging: REDACTED,
        production: null,
      },
    ]);
  });

  it("never stores a secret value: snapshots keep a keyed hash only (not a plain sha256 anyone can check)", () => {
    const canary = "canary-9c1d-never-printed";
    const staging = snap({ payments: "x", "payments.apiKey": canary, PRIVATE_PEM: canary, OK: "1" });
    const production = snap({ "payments.apiKey": `${canary}-prod`, OK: "2" });
    expect(staging.values["payments.apiKey"]).toEqual({ value: null, hash: expect.stringMatching(/^[0-9a-f]{16}$/), secret: true });
    expect(staging.values["payments.apiKey"]!.hash).not.toBe(createHash("sha256").update(canary).digest("hex").slice(0, 16));
    const observations = compare(staging, production);
    expect(observations.length).toBeGreaterThan(0);
    expect(JSON.stringify([staging, production, observations])).not.toContain("canary");
  });

  it("hides a secret where another value repeats it", () => {
    const s = snap({ PAYMENTS_API_KEY: "canary-k-5150", CALLBACK: "https://hooks.example.com/in?k=canary-k-5150" });
    expect(s.values.CALLBACK.value).toBe("https://hooks.example.com/in?k=«redacted»");
    expect(JSON.stringify(s)).not.toContain("canary");
  });

  it("the secrets option replaces the default globs, case-insensitively", () => {
    const values = { PAYMENTS_API_KEY: "k", "vault.Role": "r", CACHE_KEY_PREFIX: "p" };
    const s = toSnapshot("s", values, ["*api_key*", "VAULT.*"]);
    expect(Object.entries(s.values).map(([k, v]) => [k, v.secret])).toEqual([
      ["CACHE_KEY_PREFIX", false],
      ["PAYMENTS_API_KEY", true],
      ["vault.Role", true],
    ]);
  });

  it("treats a key as secret if today's globs say so, even when a saved snapshot stored its value", () => {
    const saved = toSnapshot("old snapshot", { LICENSE: "canary-old-lic" }, []);
    const observations = compare(snap({ LICENSE: "canary-new-lic" }, []), saved, { secrets: ["LICENSE"] });
    expect(observations).toEqual([expect.objectContaining({ staging: REDACTED, production: REDACTED, severity: "low" })]);
    expect(JSON.stringify(observations)).not.toContain("canary");
  });

  it("a URL that differs only in its password is shown redacted and rated low", () => {
    const observations = compare(
      snap({ DATABASE_URL: "postgres://app:canary-pw-1@db:5432/pay", LEDGER_URL: "https://u:canary-pw-2@ledger.a" }),
      snap({ DATABASE_URL: "postgres://app:canary-pw-9@db:5432/pay", LEDGER_URL: "https://u:canary-pw-2@ledger.b" }),
    );
    expect(observations).toEqual([
      {
        subject: "DATABASE_URL",
        aspect: "value",
        severity: "low",
        message: "DATABASE_URL differs only in its secret parts (compared by hash)",
        staging: "postgres://app:«redacted»@db:5432/pay",
        production: "postgres://app:«redacted»@db:5432/pay",
      },
      expect.objectContaining({ subject: "LEDGER_URL", severity: "medium", message: "LEDGER_URL is https://u:«redacted»@ledger.a/ in staging and https://u:«redacted»@ledger.b/ in production" }),
    ]);
    expect(JSON.stringify(observations)).not.toContain("canary");
  });

  it("is deterministic: same observations, in key order, whatever order the sources listed keys in", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `K${String(i).padStart(2, "0")}`);
    // Every 7th key is missing in staging, every 7th (shifted) missing in production, the rest differ.
    const build = (order: string[], side: string) =>
      snap(Object.fromEntries(order.filter((k) => Number(k.slice(1)) % 7 !== (side === "s" ? 1 : 2)).map((k) => [k, `${side}-${k}`])));
    const shuffled = [...keys].sort(() => Math.random() - 0.5);
    const a = compare(build(keys, "s"), build(keys, "p"));
    const b = compare(build(shuffled, "s"), build([...shuffled].reverse(), "p"));
    expect(b).toEqual(a);
    expect(a.map((o) => o.subject)).toEqual([...a.map((o) => o.subject)].sort());
    expect(a).toHaveLength(40);
  });

  it("the map options default to no ignores and the default secret globs", () => {
    expect(z.strictObject(configProbe.options).parse({})).toEqual({ ignore: [], secrets: DEFAULT_SECRET_PATTERNS, keys: {}, sequences: [] });
    expect(() => z.strictObject(configProbe.options).parse({ ignore: "BUILD_SHA" })).toThrow();
  });
});
