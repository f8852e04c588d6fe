import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchemaSnapshot } from "../../probes/schema/types.js";
import type { Observation } from "../../src/types.js";
import { collect, compare, find, options, pgCreateDatabase, pgDropDatabase, pgExec, pgUrl, uniqueName } from "./helpers.js";
import { paymentsSchema, paymentsSchemaReordered } from "./pg-fixture.js";

const staging = uniqueName("parity_schema_stg");
const production = uniqueName("parity_schema_prd");
const reordered = uniqueName("parity_schema_ord");
const reader = uniqueName("parity_reader");
let s: SchemaSnapshot;
let p: SchemaSnapshot;
let observations: Observation[];

beforeAll(async () => {
  await Promise.all([
    pgCreateDatabase(staging, paymentsSchema("staging")),
    pgCreateDatabase(production, paymentsSchema("production")),
    pgCreateDatabase(reordered, paymentsSchemaReordered()),
  ]);
  await pgExec("postgres", `CREATE ROLE ${reader}`);
  await pgExec(production, `GRANT SELECT ON public.transactions TO ${reader}; ALTER TABLE public.customers OWNER TO ${reader}`);
  await pgExec("postgres", `ALTER DATABASE ${production} SET "TimeZone" = 'Europe/Berlin'; ALTER DATABASE ${production} SET statement_timeout = '5s';`);
  await pgExec("postgres", `ALTER DATABASE ${staging} SET statement_timeout = 5000; ALTER DATABASE ${staging} SET "TimeZone" = 'Etc/UTC'; ALTER DATABASE ${production} SET "DateStyle" = 'SQL, DMY'`);
  [s, p] = await Promise.all([collect(pgUrl(staging)), collect(pgUrl(production), { side: "production" })]);
  observations = compare(s, p);
});

afterAll(async () => {
  await Promise.all([pgDropDatabase(staging), pgDropDatabase(production), pgDropDatabase(reordered)]);
  await pgExec("postgres", `DROP ROLE IF EXISTS ${reader}`);
});

describe("schema probe on PostgreSQL: one observation per kind of difference", () => {
  it.each([
    ["public.refunds", "missing-in-staging", "high", /Table public.refunds exists in production but not in staging/],
    ["public.accounts.closed_at", "missing-in-staging", "high", /Column public.accounts.closed_at/],
    ["public.transactions.amount", "type", "high", /numeric\(10,2\).*numeric\(12,2\)/],
    ["public.accounts.customer_id", "nullability", "high", /nullability differs/],
    ["public.accounts.currency", "default", "medium", /staging 'EUR', production 'USD'/],
    ["public.customers.id", "identity", "medium", /staging by default, production always/],
    ["public.transactions.amount_cents", "generated", "high", /generation expression differs/],
    ["public.customers.email", "collation", "medium", /collation differs/],
    ["public.customers.customers_email_key", "missing-in-staging", "high", /UNIQUE \(email\)/],
    ["public.accounts.accounts_customer_id_fkey", "definition", "high", /ON DELETE CASCADE/],
    ["public.transactions.transactions_type_check", "definition", "high", /payout/],
    ["public.bookings.bookings_no_overlap", "missing-in-staging", "high", /Constraint/],
    ["public.transactions_pending_idx", "missing-in-staging", "medium", /Index public.transactions_pending_idx/],
    ["public.transactions_note_idx", "definition", "medium", /lower\(note\)/],
    ["public.account_status", "labels", "high", /staging lacks 'suspended'/],
    ["public.channel", "labels", "medium", /different order/],
    ["public.money_amount", "definition", "high", /check constraints differs/],
    ["public.invoice_number", "sequence", "medium", /increment 1 .*increment 10/],
    ["public.daily_volume", "definition", "high", /View public.daily_volume: definition differs/],
    ["public.monthly_volume", "missing-in-staging", "high", /Materialized view/],
    ["public.fee(amount numeric)", "definition", "medium", /body differs/],
    ["public.archive(IN before date)", "missing-in-staging", "high", /Procedure/],
    ["public.transactions.transactions_touch", "missing-in-staging", "high", /Trigger/],
    ["pg_trgm", "missing-in-staging", "high", /Extension pg_trgm/],
    ["public.accounts", "row-level-security", "high", /row-level security differs/],
    ["public.accounts.accounts_owner", "missing-in-staging", "high", /Policy/],
    ["public.events_2027", "missing-in-staging", "high", /Table public.events_2027/],
    ["public.transactions.amount_not_zero", "name", "low", /named public.transactions.transactions_amount_nonzero in production; otherwise identical/],
    ["setting:TimeZone", "setting", "high", /staging UTC, production Europe\/Berlin/],
    ["setting:DateStyle", "setting", "high", /production SQL, DMY/],
  ])("%s %s", (subject, aspect, severity, message) => {
    const o = find(observations, subject, aspect);
    expect(o.severity).toBe(severity);
    expect(o.message).toMatch(message);
  });

  it("gives both values as evidence", () => {
    const o = find(observations, "public.transactions.amount", "type");
    expect([o.staging, o.production]).toEqual(["numeric(10,2)", "numeric(12,2)"]);
  });

  it("reports a missing table once, not once per column, index or constraint", () => {
    expect(observations.filter((o) => o.subject.startsWith("public.refunds."))).toEqual([]);
    expect(find(observations, "public.refunds", "missing-in-staging").message).toMatch(/with the 6 columns, constraints and other objects that belong to it/);
  });

  it("reads settings as configured for the database, with units and zone aliases normalised", () => {
    // 5000 (ms) and '5s' are one timeout; 'Etc/UTC' is UTC; parity's own SET LOCAL timeouts never show.
    expect(observations.find((o) => o.subject === "setting:statement_timeout")).toBeUndefined();
    expect(s.settings.statement_timeout).toBe("5000 ms");
    expect(s.settings.lock_timeout).toBe("0 ms");
  });

  it("routes settings to test reliability, indexes to test reliability and policies to security", () => {
    expect(find(observations, "setting:TimeZone", "setting").dimension).toBe("test-reliability");
    expect(find(observations, "public.transactions_pending_idx", "missing-in-staging").dimension).toBe("test-reliability");
    expect(find(observations, "public.accounts.accounts_owner", "missing-in-staging").dimension).toBe("security");
  });

  it("hides comments, owners and grants unless asked, and reports comments as low when asked", () => {
    expect(observations.some((o) => o.aspect === "comment")).toBe(false);
    const withComments = compare(s, p, { comments: true });
    const o = find(withComments, "public.customers", "comment");
    expect(o.severity).toBe("low");
    expect([o.staging, o.production]).toEqual(["Customers", "People who pay"]);
  });

  it("compares grants and owners only when asked, as security findings", () => {
    expect(observations.some((o) => o.aspect === "grants" || o.aspect === "owner")).toBe(false);
    const grants = find(compare(s, p, { grants: true }), "public.transactions", "grants");
    expect(grants).toMatchObject({ severity: "medium", dimension: "security" });
    expect(JSON.stringify(grants.production)).toContain(`${reader}=r/postgres`);
    const owner = find(compare(s, p, { owners: true }), "public.customers", "owner");
    expect(owner).toMatchObject({ severity: "low", dimension: "security", staging: "postgres", production: reader });
  });

  it("compares extension versions unless turned off", async () => {
    const older = structuredClone(p);
    older.objects.find((o) => o.kind === "extension" && o.name === "citext")!.attrs.version = "1.5";
    expect(find(compare(s, older), "citext", "version").message).toMatch(/staging 1.6, production 1.5/);
    expect(compare(s, older, { extensionVersions: false }).some((o) => o.subject === "citext")).toBe(false);
  });

  it("ignores objects by kind and name glob, qualified or bare", () => {
    const filtered = compare(s, p, {
      ignore: [
        { kind: "index", name: "transactions_pending_*" },
        { kind: "table", name: "public.refunds" },
        { kind: "setting", name: "TimeZone" },
      ],
    });
    expect(filtered.some((o) => o.subject === "public.transactions_pending_idx")).toBe(false);
    expect(filtered.some((o) => o.subject.startsWith("public.refunds"))).toBe(false);
    expect(filtered.some((o) => o.subject === "setting:TimeZone")).toBe(false);
    expect(filtered.some((o) => o.subject === "public.transactions.amount")).toBe(true);
  });

  it("finds nothing between a schema and the same schema created in another order with other spellings", async () => {
    const other = await collect(pgUrl(reordered), { side: "production" });
    // The staging database carries database-level settings the reordered one does not.
    const sameSettings = { ...other, settings: s.settings };
    expect(compare(s, sameSettings)).toEqual([]);
    // Column order is a toggle: on, it shows as low-severity cosmetic differences only.
    const ordered = compare(s, sameSettings, { columnOrder: true });
    expect(ordered.length).toBeGreaterThan(0);
    expect(ordered.every((o) => o.aspect === "column-order" && o.severity === "low")).toBe(true);
  });

  it("issues a constant number of statements, whatever the schema size", () => {
    expect(s.statements).toBe(p.statements);
    expect(s.statements).toBeLessThanOrEqual(20);
  });

  it("writes a self-describing, versioned snapshot that survives JSON", () => {
    expect(s).toMatchObject({ format: "parity-schema", version: 1, dialect: "postgres", database: staging, schemas: ["public"] });
    const roundTrip = JSON.parse(JSON.stringify(p)) as SchemaSnapshot;
    expect(compare(s, roundTrip)).toEqual(observations);
  });

  it("limits the comparison to the schemas asked for", async () => {
    await pgExec(staging, "CREATE SCHEMA reporting; CREATE TABLE reporting.kpis (id int)");
    const only = await collect(pgUrl(staging), { options: options({ schemas: ["reporting"] }) });
    expect(only.schemas).toEqual(["reporting"]);
    expect(only.objects.filter((o) => o.kind === "table").map((o) => o.name)).toEqual(["reporting.kpis"]);
  });
});
