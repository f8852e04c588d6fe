import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoCaches } from "../../src/demo/cache-servers.js";
import type { DemoPart } from "../../src/demo/part.js";
import { bySubject, collect, compare } from "./helpers.js";

// The demo's embedded Redis-protocol servers, read by the real probe over the real client.
let demo: DemoPart;
beforeAll(async () => {
  demo = await startDemoCaches("/tmp");
});
afterAll(async () => {
  await demo?.close();
});

describe("demo: the session caches", () => {
  it("tell the example's story: eviction policy, CONFIG disabled in production, and the fallback said", async () => {
    expect(demo.env.PRODUCTION_CACHE_URL).toMatch(/^redis:\/\/:[^@]+@127\.0\.0\.1:\d+$/);
    const [s, p] = await Promise.all([collect(demo.env.STAGING_CACHE_URL!), collect(demo.env.PRODUCTION_CACHE_URL!, "production")]);
    expect([s.settingsFrom, p.settingsFrom]).toEqual(["config", "info"]);
    expect(s.settings).not.toHaveProperty("dir");
    expect(bySubject(compare(s, p))).toEqual({
      "CONFIG fallback": "low",
      "command:CONFIG missing-in-production": "medium",
      "command:FLUSHALL missing-in-production": "medium",
      "setting:maxmemory setting": "low",
      "setting:maxmemory-policy setting": "high",
    });
  });

  it("answer as a real server does to a missing or wrong password", async () => {
    const url = demo.env.PRODUCTION_CACHE_URL!.replace(/:[^:@/]+@/, "@");
    await expect(collect(url)).rejects.toThrow(/the server requires a password and cache\.url gives none/);
    await expect(collect(url.replace("redis://", "redis://:wrong-pw-1@"))).rejects.toThrow(/the server refused the password \(WRONGPASS\)/);
  });
});
