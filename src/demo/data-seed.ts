/**
 * Demo data for the embedded PostgreSQL pair (owned by the data probe's work). The demo
 * database module calls this after creating the schema on each side.
 *
 * The story: production has a year of payments up to 2026-11-25 and launched instant payouts
 * 60 days before that; staging is a fifth-size copy taken three months ago, so its newest row is
 * ~90 days old and it has never seen an instant payout. Every choice is an md5 of the row number,
 * so both sides (and every demo run) hold exactly the same rows.
 */

type Side = "staging" | "production";

interface SideSpec {
  accounts: number;
  transactions: number;
  /** The newest created_at on this side. */
  newest: string;
}

const SIDES: Record<Side, SideSpec> = {
  production: { accounts: 600, transactions: 5_000, newest: "2026-11-25 12:00:00+00" },
  staging: { accounts: 120, transactions: 1_000, newest: "2026-08-27 12:00:00+00" },
};

/** The instant-payout launch: no transaction before it may be one. */
const LAUNCH = "2026-09-26 12:00:00+00";

/** A uniform number in [0, 1) from md5(row || salt): deterministic and independent per salt. */
const u = (salt: string) => `(('x' || substr(md5(g::text || '${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`;

function seedSql(spec: SideSpec): string {
  // Each row's uniforms are computed once in a subquery: md5 is the cost on PGlite (WebAssembly).
  return `
INSERT INTO public.accounts (id, customer_id, currency, status, created_at)
SELECT g, 10000 + floor(customer * 5000)::bigint,
       CASE WHEN cur < 0.7 THEN 'EUR' WHEN cur < 0.9 THEN 'GBP' ELSE 'USD' END,
       CASE WHEN st < 0.92 THEN 'active' WHEN st < 0.98 THEN 'frozen' ELSE 'closed' END,
       timestamptz '${spec.newest}' - floor(t * 3 * 365 * 86400) * interval '1 second'
  FROM (SELECT g, ${u("customer")} AS customer, ${u("acur")} AS cur, ${u("astatus")} AS st, ${u("acreated")} AS t
          FROM generate_series(1, ${spec.accounts}) AS g) AS r;
SELECT setval('public.accounts_id_seq', ${spec.accounts});

INSERT INTO public.transactions (id, account_id, amount, currency, type, status, created_at)
SELECT g, 1 + floor(account * ${spec.accounts})::bigint,
       round((-ln(1 - amount) * 80 + 1)::numeric, 2),
       CASE WHEN cur < 0.7 THEN 'EUR' WHEN cur < 0.9 THEN 'GBP' ELSE 'USD' END,
       CASE
         WHEN created_at >= timestamptz '${LAUNCH}' AND payout < 0.25 THEN 'instant_payout'
         WHEN kind < 0.60 THEN 'purchase'
         WHEN kind < 0.80 THEN 'transfer'
         WHEN kind < 0.96 THEN 'refund'
         ELSE 'chargeback'
       END,
       CASE WHEN st < 0.90 THEN 'settled' WHEN st < 0.98 THEN 'pending' ELSE 'failed' END,
       created_at
  FROM (SELECT g, ${u("account")} AS account, ${u("amount")} AS amount, ${u("cur")} AS cur, ${u("payout")} AS payout,
               ${u("type")} AS kind, ${u("status")} AS st,
               timestamptz '${spec.newest}' - floor(${u("time")} * 365 * 86400) * interval '1 second' AS created_at
          FROM generate_series(1, ${spec.transactions}) AS g) AS r;
SELECT setval('public.transactions_id_seq', ${spec.transactions});
ANALYZE public.accounts;
ANALYZE public.transactions;
`;
}

export async function seedDemoData(exec: (sql: string) => Promise<unknown>, side: Side): Promise<void> {
  await exec(seedSql(SIDES[side]));
}
