import { describe, expect, it } from "vitest";
import { collect, compare, message, summary } from "./helpers.js";

// Each format's real documents (fixtures written in flagd's schema, Unleash's client API and
// export JSON, LaunchDarkly's REST and SDK flag data, and a plain map), read from a file.
describe("flagd flag files", () => {
  it("compares state, default variant, variants and targeting, with shared $evaluators resolved", async () => {
    const [s, p] = await Promise.all([collect({ file: "flagd/staging.flagd.json" }), collect({ file: "flagd/production.flagd.json" }, {}, "production")]);
    expect(s.flagFormat).toBe("flagd");
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({
      "bureau-v2 rules": "medium",
      "fraud-check-mode default-variant": "medium",
      "instant-payouts enabled": "medium",
      "legacy-ledger missing-in-production": "medium",
      "new-checkout enabled": "high",
      "payout-batch-size variants": "medium",
    });
    expect(message(observations, "new-checkout", "enabled")).toBe("Flag new-checkout is on in production and off in staging: production runs a code path staging never tests");
    expect(message(observations, "instant-payouts", "enabled")).toBe("Flag instant-payouts is on in staging and off in production: staging tests a code path production does not run");
    expect(message(observations, "fraud-check-mode", "default-variant")).toBe("Flag fraud-check-mode serves variant lenient by default in staging and variant strict in production");
    expect(message(observations, "payout-batch-size", "variants")).toBe('Flag payout-batch-size: variants differ ("large" has other values)');
    expect(message(observations, "bureau-v2", "rules")).toBe("Flag bureau-v2: their targeting rules differ, so staging and production pick different users for it");
    expect(message(observations, "legacy-ledger", "missing-in-production")).toBe(
      "Flag legacy-ledger is defined in staging (on) but not in production: production's code falls back to its built-in default",
    );
  });

  it("reads a YAML flag file as the same flags as its JSON twin", async () => {
    const [json, yaml] = await Promise.all([collect({ file: "flagd/staging.flagd.json" }), collect({ file: "flagd/staging.flagd.yaml" })]);
    expect(yaml.flagFormat).toBe("flagd");
    expect(yaml.flags).toEqual(json.flags);
  });

  it("makes the expected asymmetry explicit with productionImpliesStaging", async () => {
    const [s, p] = await Promise.all([collect({ file: "flagd/staging.flagd.json" }), collect({ file: "flagd/production.flagd.json" }, {}, "production")]);
    const observations = compare(s, p, { productionImpliesStaging: true });
    expect(summary(observations)).toMatchObject({ "new-checkout enabled": "high", "flags on in staging only expected": "low (measurement)" });
    expect(summary(observations)).not.toHaveProperty("instant-payouts enabled");
    expect(message(observations, "new-checkout", "enabled")).toMatch(/\(productionImpliesStaging: a flag on in production must be on in staging\)$/);
    expect(message(observations, "flags on in staging only", "expected")).toBe("1 flag is on in staging and off in production, as productionImpliesStaging expects: instant-payouts");
  });

  it("leaves flags out by glob", async () => {
    const [s, p] = await Promise.all([collect({ file: "flagd/staging.flagd.json" }), collect({ file: "flagd/production.flagd.json" }, {}, "production")]);
    expect(Object.keys(summary(compare(s, p, { ignore: ["*-checkout", "legacy-*"] })))).not.toContain("new-checkout enabled");
  });
});

describe("Unleash", () => {
  it("client API responses: ids and segment ids that differ between servers are not differences", async () => {
    const [s, p] = await Promise.all([collect({ file: "unleash/staging-client-features.json" }), collect({ file: "unleash/production-client-features.json" }, {}, "production")]);
    expect(s.flagFormat).toBe("unleash");
    const observations = compare(s, p);
    expect(summary(observations)).toEqual({ "payments.checkout-v2 rules": "medium", "payments.fraud-strict enabled": "high" });
  });

  it("an export (features, featureStrategies, featureEnvironments) reads like the client API", async () => {
    const [client, exported] = await Promise.all([
      collect({ file: "unleash/production-client-features.json" }, {}, "production"),
      collect({ file: "unleash/production-export.json" }, {}, "production"),
    ]);
    expect(exported).toMatchObject({ flagFormat: "unleash" });
    expect(compare(client, exported)).toEqual([]);
  });
});

describe("LaunchDarkly", () => {
  it("one REST export holds both environments; each side reads its own", async () => {
    const [s, p] = await Promise.all([collect({ file: "launchdarkly/flags.json" }), collect({ file: "launchdarkly/flags.json" }, {}, "production")]);
    expect([s.environment, p.environment]).toEqual(["staging", "production"]);
    const observations = compare(s, p);
    // Ids, salts, versions, refs and event tracking differ between the environments and are not rules.
    expect(summary(observations)).toEqual({
      "checkout-v2 rules": "medium",
      "fraud-check-mode default-variant": "medium",
      "instant-payouts enabled": "medium",
    });
    expect(message(observations, "fraud-check-mode", "default-variant")).toBe('Flag fraud-check-mode serves variant "lenient" by default in staging and variant "strict" in production');
  });

  it("environments: maps a parity environment to a LaunchDarkly one, and an unknown one is a clear error", async () => {
    const qa = await collect({ file: "launchdarkly/flags.json" }, { environments: { qa: "staging" } }, "qa");
    expect(qa.environment).toBe("staging");
    await expect(collect({ file: "launchdarkly/flags.json" }, {}, "qa")).rejects.toThrow(
      /\(a LaunchDarkly flag export\) holds environments production, staging; say which one qa reads with the probe's environments: \{ qa: NAME \}$/,
    );
    await expect(collect({ file: "launchdarkly/flags.json" }, { environments: { staging: "test" } })).rejects.toThrow(/has no environment "test"; it holds production, staging$/);
  });

  it("the SDK's flag data (ld-relay) compares with the REST export", async () => {
    const [relay, rest] = await Promise.all([collect({ file: "launchdarkly/relay-staging.json" }), collect({ file: "launchdarkly/flags.json" })]);
    expect(relay.flagFormat).toBe("launchdarkly");
    expect(relay.flags["instant-payouts"]).toEqual(rest.flags["instant-payouts"]);
  });
});

describe("a plain map of flags", () => {
  it("YAML in staging, JSON in production: booleans, variants and flags written as objects", async () => {
    const [s, p] = await Promise.all([collect({ file: "plain/staging.yaml" }), collect({ file: "plain/production.json" }, {}, "production")]);
    expect(s.flagFormat).toBe("plain");
    expect(summary(compare(s, p))).toEqual({
      "checkout.express_pay enabled": "high",
      "checkout.one_page default-variant": "medium",
      "fraud_check_mode default-variant": "medium",
      "instant_payouts enabled": "medium",
    });
  });
});

describe("a document of the wrong format", () => {
  it("names the format it looks like", async () => {
    const error = await collect({ file: "unleash/staging-client-features.json" }, { format: "flagd" }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^config file unleash\/staging-client-features\.json \(.+\) is not a flagd flag file; it looks like an Unleash export: set format: unleash, or leave format out$/);
  });

  it("says which key is wrong in a flag file of the right format", async () => {
    await expect(collect({ file: "flagd/bad-state.flagd.json" })).rejects.toThrow(/is not a flagd flag file: flags\.instant-payouts\.state: expected one of ENABLED, DISABLED; got "on"$/);
  });

  it.each([
    ["wrong/junit.xml", /\) holds a single value, not feature flags \(a flagd flag file, an Unleash or LaunchDarkly export, or a map of flags\)$/],
    ["wrong/list.json", /holds a list, not feature flags \(a flagd flag file, an Unleash or LaunchDarkly export, or a map of flags\)$/],
  ])("%s is a clear probe error", async (file, expected) => {
    await expect(collect({ file })).rejects.toThrow(expected);
  });
});
