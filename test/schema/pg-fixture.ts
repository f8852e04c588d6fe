/**
 * A realistic payments schema for PostgreSQL, with a catalogue of known differences between
 * the staging and production variants. Each difference is asserted once in postgres.test.ts.
 */
export type Side = "staging" | "production";

export function paymentsSchema(side: Side): string {
  const prod = side === "production";
  return `
CREATE EXTENSION IF NOT EXISTS citext;
${prod ? "CREATE EXTENSION IF NOT EXISTS pg_trgm;" : ""}
CREATE TYPE public.account_status AS ENUM ('active', 'frozen', ${prod ? "'suspended', " : ""}'closed');
CREATE TYPE public.channel AS ENUM (${prod ? "'web', 'app'" : "'app', 'web'"});
CREATE DOMAIN public.money_amount AS numeric(12,2) CHECK (VALUE ${prod ? ">=" : ">"} -1000000);
CREATE TABLE public.customers (
  id bigint GENERATED ${prod ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY PRIMARY KEY,
  email text COLLATE ${prod ? '"C"' : '"default"'} NOT NULL,
  name citext,
  signup_channel public.channel
  ${prod ? ", CONSTRAINT customers_email_key UNIQUE (email)" : ""}
);
COMMENT ON TABLE public.customers IS '${prod ? "People who pay" : "Customers"}';
CREATE TABLE public.accounts (
  id bigserial PRIMARY KEY,
  customer_id bigint ${prod ? "NOT NULL" : ""} REFERENCES public.customers (id) ON DELETE ${prod ? "RESTRICT" : "CASCADE"},
  currency text NOT NULL DEFAULT ${prod ? "'USD'" : "'EUR'"},
  status public.account_status NOT NULL DEFAULT 'active',
  created_at timestamptz NOT NULL DEFAULT now()
  ${prod ? ", closed_at timestamptz" : ""}
);
${prod ? "ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;" : ""}
${prod ? "CREATE POLICY accounts_owner ON public.accounts USING (customer_id > 0);" : ""}
CREATE TABLE public.transactions (
  id bigserial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES public.accounts (id),
  amount numeric(${prod ? "12" : "10"},2) NOT NULL,
  amount_cents bigint GENERATED ALWAYS AS (${prod ? "(amount * 100)::bigint" : "round(amount * 100)::bigint"}) STORED,
  currency char(3) NOT NULL,
  type text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ${prod ? "transactions_amount_nonzero" : "amount_not_zero"} CHECK (amount <> 0),
  CONSTRAINT transactions_type_check CHECK (type IN ('charge', 'refund'${prod ? ", 'payout'" : ""}))
);
CREATE INDEX transactions_account_idx ON public.transactions (account_id, created_at);
${prod ? "CREATE INDEX transactions_pending_idx ON public.transactions (created_at) WHERE status = 'pending';" : ""}
CREATE INDEX transactions_note_idx ON public.transactions (${prod ? "lower(note)" : "note"});
CREATE SEQUENCE public.invoice_number INCREMENT BY ${prod ? "10" : "1"} START 1000;
CREATE TABLE public.bookings (id int PRIMARY KEY, room int NOT NULL, during tsrange NOT NULL
  ${prod ? ", CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&)" : ""});
${prod ? "CREATE TABLE public.refunds (id bigserial PRIMARY KEY, transaction_id bigint NOT NULL REFERENCES public.transactions (id), reason text);" : ""}
CREATE TABLE public.events (id bigint NOT NULL, at date NOT NULL, payload jsonb) PARTITION BY RANGE (at);
CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
${prod ? "CREATE TABLE public.events_2027 PARTITION OF public.events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');" : ""}
CREATE VIEW public.daily_volume AS
  SELECT date_trunc('day', created_at) AS day, sum(amount) AS total FROM public.transactions
  ${prod ? "WHERE status = 'settled'" : ""} GROUP BY 1;
${prod ? "CREATE MATERIALIZED VIEW public.monthly_volume AS SELECT date_trunc('month', created_at) AS month, sum(amount) AS total FROM public.transactions GROUP BY 1;" : ""}
CREATE FUNCTION public.fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * ${prod ? "0.029" : "0.03"}, 2) $$;
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;
${prod ? "CREATE PROCEDURE public.archive(before date) LANGUAGE sql AS $$ DELETE FROM public.events WHERE at < before $$;" : ""}
${prod ? "CREATE TRIGGER transactions_touch BEFORE UPDATE ON public.transactions FOR EACH ROW EXECUTE FUNCTION public.touch();" : ""}
`;
}

/** The same schema written in another order, with other spellings of the same things. */
export function paymentsSchemaReordered(): string {
  return `
CREATE EXTENSION IF NOT EXISTS citext;
CREATE DOMAIN public.money_amount AS numeric(12,2) CHECK (VALUE > -1000000);
CREATE TYPE public.channel AS ENUM ('app', 'web');
CREATE TYPE public.account_status AS ENUM ('active', 'frozen', 'closed');
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;
CREATE TABLE public.events (id int8 NOT NULL, at date NOT NULL, payload jsonb) PARTITION BY RANGE (at);
CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE public.bookings (room int4 NOT NULL, during tsrange NOT NULL, id int4 PRIMARY KEY);
CREATE SEQUENCE public.invoice_number START 1000;
CREATE TABLE public.customers (
  signup_channel public.channel,
  name citext,
  email text NOT NULL,
  id int8 GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY
);
COMMENT ON TABLE public.customers IS 'Customers';
CREATE TABLE public.accounts (
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  status public.account_status NOT NULL DEFAULT 'active'::public.account_status,
  currency text NOT NULL DEFAULT 'EUR'::text,
  customer_id int8,
  id bigserial PRIMARY KEY,
  FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE CASCADE
);
CREATE TABLE public.transactions (
  id bigserial PRIMARY KEY,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending'::text,
  type text NOT NULL,
  currency character(3) NOT NULL,
  amount decimal(10,2) NOT NULL,
  account_id int8 NOT NULL,
  amount_cents int8 GENERATED ALWAYS AS (round(amount * 100)::bigint) STORED,
  CONSTRAINT transactions_type_check CHECK (type IN ('charge', 'refund')),
  CONSTRAINT amount_not_zero CHECK (amount <> 0)
);
CREATE INDEX transactions_note_idx ON public.transactions (note);
ALTER TABLE public.transactions ADD FOREIGN KEY (account_id) REFERENCES public.accounts (id);
CREATE INDEX transactions_account_idx ON public.transactions (account_id, created_at);
CREATE FUNCTION public.fee(amount numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(amount * 0.03, 2) $$;
CREATE VIEW public.daily_volume AS
  SELECT date_trunc('day', created_at) AS day, sum(amount) AS total FROM public.transactions GROUP BY 1;
`;
}
