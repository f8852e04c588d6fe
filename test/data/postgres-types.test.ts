import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataProbe } from "../../probes/data/index.js";
import { collectContext, env, options } from "./context.js";
import { scratchDb, type ScratchDb } from "./servers.js";

// Column types of PostgreSQL's numeric category that are not plain numbers: object identifiers
// (an `oid` pointing at a large object, a `regclass`) and money. Each used to fail the whole
// table's profile ("cannot cast type oid to double precision").
describe("data probe on PostgreSQL: identifier and money columns", () => {
  let db: ScratchDb;
  beforeAll(async () => {
    db = await scratchDb("postgres");
    await db.exec(`CREATE TABLE documents (id int PRIMARY KEY, body oid, owner_table regclass, fee money, kind text);
      INSERT INTO documents SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE g::oid END, 'documents'::regclass, (g % 50)::numeric::money, 'k' || (g % 3) FROM generate_series(1, 1000) g;
      ANALYZE documents;`);
  });
  afterAll(async () => db?.drop());

  it("profiles the table: oid and regclass columns by their NULLs, money as a number", async () => {
    const opts = options({ tables: [{ name: "public.documents" }] });
    const profile = await dataProbe.collect(env("staging", db.url), collectContext(opts, "staging"));
    const columns = Object.fromEntries(profile.tables[0]!.columns.map((c) => [c.name, c]));
    expect(columns.body).toMatchObject({ kind: "other", nulls: 100 });
    expect(columns.owner_table).toMatchObject({ kind: "other", nulls: 0 });
    expect(columns.fee).toMatchObject({ kind: "numeric", min: 0, max: 49 });
    expect(columns.kind).toMatchObject({ kind: "text", distinct: 3 });
  });
});
