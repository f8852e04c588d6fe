import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import { collectContext, env, options } from "./context.js";
import { scratchDb, type ScratchDb } from "./servers.js";

// Above 200,000 rows distinct counts are estimated from one hash bucket in 64. A timestamptz was
// hashed through the session's time zone: the same instants fell into other buckets on a server
// with another TimeZone (and two instants of a DST fold into one), so staging and production
// holding the same rows were told different distinct counts.
describe("data probe on PostgreSQL: a timestamptz column's distinct estimate", () => {
  let db: ScratchDb;
  const ROWS = 250_000;
  beforeAll(async () => {
    db = await scratchDb("postgres");
    // One event every 7 minutes from 2024 on: 250,000 instants over 3.3 years, DST changes included.
    await db.exec(`CREATE TABLE events (id bigint PRIMARY KEY, at timestamptz NOT NULL);
      INSERT INTO events SELECT g, timestamptz '2024-01-01 00:00:00+00' + g * interval '7 minutes' FROM generate_series(1, ${ROWS}) g;
      ANALYZE events;`);
  });
  afterAll(async () => db?.drop());

  async function distinctUnder(timeZone: string): Promise<number | null> {
    const name = new URL(db.url).pathname.slice(1);
    await db.exec(`ALTER DATABASE ${name} SET timezone = '${timeZone}'`);
    // The whole table: a sample's own distinct count says little about the table's.
    const opts = options({ tables: [{ name: "public.events" }], sample: "full" });
    const profile = await dataProbe.collect(env("staging", db.url), collectContext(opts, "staging"));
    return profile.tables[0]!.columns.find((c) => c.name === "at")!.distinct;
  }

  it("is the same whatever the server's TimeZone, and close to the truth", async () => {
    const utc = await distinctUnder("UTC");
    const newYork = await distinctUnder("America/New_York");
    const berlin = await distinctUnder("Europe/Berlin");
    expect(newYork).toBe(utc);
    expect(berlin).toBe(utc);
    expect(Math.abs(utc! - ROWS) / ROWS).toBeLessThan(0.1);
  });
});
