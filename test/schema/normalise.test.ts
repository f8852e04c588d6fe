import { describe, expect, it } from "vitest";
import {
  normaliseCharset,
  normaliseMysqlDefault,
  normaliseMysqlExtra,
  normaliseMysqlType,
  normalisePgDefault,
  normalisePgSetting,
  stripIndexName,
} from "../../probes/schema/normalise.js";

describe("normalisation: what means the same compares equal", () => {
  it.each([
    ["'x'::text", "'x'"],
    ["'EUR'::character varying", "'EUR'"],
    ["'customer'::\"user-role\"", "'customer'"],
    ["'active'::public.account_status", "'active'"],
    ["('0'::numeric)", "0"],
    ["'{}'::jsonb", "'{}'"],
    ["'2026-01-01'::date", "'2026-01-01'"],
    ["nextval('public.t_id_seq'::regclass)", "nextval('public.t_id_seq'::regclass)"],
    ["now()", "now()"],
  ])("PostgreSQL default %s → %s", (raw, expected) => {
    expect(normalisePgDefault(raw)).toBe(expected);
  });

  // MariaDB quotes literals and writes NULL and current_timestamp(); MySQL does not.
  it.each([
    ["EUR", "char(3)", "", false, "'EUR'"],
    ["'EUR'", "char(3)", "", true, "'EUR'"],
    [null, "varchar(20)", "", false, null],
    ["NULL", "varchar(20)", "", true, null],
    ["CURRENT_TIMESTAMP", "timestamp", "DEFAULT_GENERATED", false, "current_timestamp"],
    ["current_timestamp()", "timestamp", "", true, "current_timestamp"],
    ["0.00", "decimal(12,2)", "", false, "0.00"],
    ["0.00", "decimal(12,2)", "", true, "0.00"],
  ])("MySQL/MariaDB default %s on %s (%s, MariaDB %s) → %s", (raw, type, extra, mariadb, expected) => {
    expect(normaliseMysqlDefault(raw, type, extra, mariadb)).toBe(expected);
  });

  it("drops integer display widths but keeps tinyint(1), and unifies utf8 names", () => {
    expect(normaliseMysqlType("int(11)")).toBe("int");
    expect(normaliseMysqlType("bigint(20) unsigned")).toBe("bigint unsigned");
    expect(normaliseMysqlType("tinyint(1)")).toBe("tinyint(1)");
    expect(normaliseMysqlType("decimal(12,2)")).toBe("decimal(12,2)");
    expect(normaliseCharset("utf8")).toBe("utf8mb3");
    expect(normaliseCharset("utf8_general_ci")).toBe("utf8mb3_general_ci");
    expect(normaliseCharset("utf8mb4_bin")).toBe("utf8mb4_bin");
  });

  it("unifies MySQL's and MariaDB's EXTRA", () => {
    expect(normaliseMysqlExtra("DEFAULT_GENERATED on update CURRENT_TIMESTAMP")).toBe("on update current_timestamp");
    expect(normaliseMysqlExtra("on update current_timestamp()")).toBe("on update current_timestamp");
    expect(normaliseMysqlExtra("PERSISTENT GENERATED")).toBe("stored generated");
  });

  it("reads PostgreSQL settings with units as one value, and UTC under any of its names", () => {
    expect(normalisePgSetting("statement_timeout", "5s", "ms")).toBe("5000 ms");
    expect(normalisePgSetting("statement_timeout", "5000", "ms")).toBe("5000 ms");
    expect(normalisePgSetting("idle_in_transaction_session_timeout", "1min", "ms")).toBe("60000 ms");
    expect(normalisePgSetting("work_mem", "4MB", "kB")).toBe("4096 kB");
    expect(normalisePgSetting("shared_buffers", "16384", "8kB")).toBe("131072 kB");
    expect(normalisePgSetting("TimeZone", "Etc/UTC", null)).toBe("UTC");
    expect(normalisePgSetting("TimeZone", "Europe/Berlin", null)).toBe("Europe/Berlin");
  });

  it("takes the name out of an index definition, quoted or not", () => {
    expect(stripIndexName("CREATE UNIQUE INDEX a_idx ON public.t USING btree (a)")).toBe("CREATE UNIQUE INDEX ON public.t USING btree (a)");
    expect(stripIndexName('CREATE INDEX "my idx" ON public.t USING btree (a)')).toBe("CREATE INDEX ON public.t USING btree (a)");
  });
});
