import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REDACTED, Redactor } from "../../src/redact.js";
import { findSecrets, highEntropyTokens } from "../../src/secret-scan.js";

const SECRET = "Prd-2b8K-Token-4410-xW";

describe("the redactor catches a secret in any spelling", () => {
  const redactor = new Redactor().add(SECRET);
  it.each([
    ["as typed", `token=${SECRET}`],
    ["lower-cased", `x-debug: ${SECRET.toLowerCase()}`],
    ["upper-cased", SECRET.toUpperCase()],
    ["URL-encoded", `return=${encodeURIComponent(`a b ${SECRET}`)}`],
    ...[0, 1, 2, 3, 4, 5].map((offset) => [`inside base64 at offset ${offset}`, Buffer.from(`${"x".repeat(offset)}${SECRET}!!tail`).toString("base64")] as [string, string]),
    ["inside base64url", Buffer.from(`>>${SECRET}<<??`).toString("base64url")],
  ])("%s", (_name, text) => {
    const scrubbed = redactor.scrub(text);
    expect(scrubbed).toContain(REDACTED);
    // No stretch of 3 or more of the secret's bytes survives in any form.
    for (let i = 0; i + 3 <= SECRET.length; i++) {
      const part = SECRET.slice(i, i + 3);
      if (/^[\w-]{3}$/.test(part) && /Prd|2b8|4410/.test(part)) expect(scrubbed.toLowerCase()).not.toContain(part.toLowerCase());
    }
  });

  it("scrubs JSON-like values string by string: a secret with quotes and backslashes never breaks the JSON", () => {
    const tricky = new Redactor().add('pa"ss\\word-99');
    const value = { message: 'login with pa"ss\\word-99 failed', nested: [{ 'pa"ss\\word-99': 1 }] };
    const scrubbed = tricky.scrubValue(value);
    expect(scrubbed).toEqual({ message: `login with ${REDACTED} failed`, nested: [{ [REDACTED]: 1 }] });
  });

  it("never scrubs the names the map itself uses, nor strings shorter than 4 characters", () => {
    const r = new Redactor().keep("staging").add("staging", "pin", "payments-prod");
    expect(r.scrub("staging pin payments-prod")).toBe(`staging pin ${REDACTED}`);
  });
});

describe("secret-looking strings are found by their look", () => {
  it("recognises random tokens but not the identifiers people put in config and headers", () => {
    for (const token of ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzKEY42", "7f3QxL0pZr9TbW2yKm4sV8nA", "eyJzdWIiOiIxMjM0NTY3ODkwIn0"]) expect(highEntropyTokens(`x=${token}`)).toEqual([token]);
    for (const ordinary of [
      "3f2a9c0d4e1b8a7f6c5d4e3b2a1f0e9d8c7b6a5f", "550e8400-e29b-41d4-a716-446655440000", "MyServiceName2024Production", "/api/v1/Customers/12345/Orders",
      "SELECT_ALL_FROM_TRANSACTIONS_WHERE_ID_1234", "registry.example.com/payments/api:1.42.0-rc3", "com.example.payments.LedgerServiceImpl", "FEATURE_INSTANT_PAYOUTS_ENABLED_FOR_DE",
    ]) expect(highEntropyTokens(ordinary), ordinary).toEqual([]);
  });

  it("never takes a UUID for a secret, whatever word it is glued to (a CSP nonce, a request id)", () => {
    // A UUID's 4-digit groups used to survive the hex filter: "nonce-1a2b-3c4d-5e6f" could pass
    // as a random token, so one demo answer in a few had its CSP header redacted.
    const flagged = Array.from({ length: 2_000 }, () => randomUUID()).flatMap((uuid) => [
      ...highEntropyTokens(`default-src 'none'; script-src 'nonce-${uuid}'`),
      ...highEntropyTokens(`trace-${uuid}`),
      ...highEntropyTokens(`requestId=${uuid}`),
    ]);
    expect(flagged).toEqual([]);
  });

  it("finds a DSN's password, not the whole DSN, so the host stays readable", async () => {
    expect(await findSecrets(["DATABASE_URL=postgres://app:Xk29-long-pass@db.internal:5432/pay"])).toContain("Xk29-long-pass");
    expect(await findSecrets(["DATABASE_URL=postgres://app:Xk29-long-pass@db.internal:5432/pay"])).not.toContain("postgres://app:Xk29-long-pass@db.internal:5432/pay");
  });
});
