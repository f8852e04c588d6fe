import { describe, expect, it } from "vitest";
import { collect, compare } from "./helpers.js";

// The fixtures plant values containing "canary" in secret keys (PAYMENTS_API_KEY,
// payments.apiKey) and in a DSN password (DATABASE_URL); none may reach a snapshot or an observation.
describe("config secrets end to end", () => {
  it("no canary reaches snapshots or observations, whatever the sources", async () => {
    const staging = await collect({ file: "staging.env" });
    const production = await collect({ file: "production.json" }, { side: "production" });
    const fromCommand = await collect({
      command: `printf '%s' '{"PAYMENTS_API_KEY":"canary-cmd-key","DATABASE_URL":"postgres://app:canary-cmd-pw@db/x"}'`,
    });
    const observations = [...compare(staging, production), ...compare(fromCommand, staging), ...compare(staging, fromCommand)];
    expect(observations.map((o) => o.subject)).toContain("PAYMENTS_API_KEY");
    expect(observations.map((o) => o.subject)).toContain("DATABASE_URL");
    const everything = JSON.stringify([staging, production, fromCommand, observations]);
    expect(everything).toContain("«redacted»");
    expect(everything).not.toContain("canary");
  });
});

describe("a secret written literally into a command line", () => {
  it("is hidden from the snapshot's source even in a shape no pattern knows", async () => {
    // \075 is printf's octal escape for "=": the command line has no KEY=value shape to spot.
    const snap = await collect({ command: "printf 'APP_PASSWORD\\075canary-literal-77\\n' | cat" });
    expect(snap.values.APP_PASSWORD.secret).toBe(true);
    expect(snap.source).toBe(`command "printf 'APP_PASSWORD\\\\075«redacted»\\\\n' | cat"`);
    expect(JSON.stringify(snap)).not.toContain("canary");
  });
});
