/**
 * Deterministic generated transaction tables, identical on PostgreSQL and MariaDB: every random
 * choice is an md5 of the row number and a salt, so a test knows exactly what it put in.
 */
export type Dialect = "postgres" | "mysql";

export interface TableSpec {
  name: string;
  rows: number;
  /** Row numbers start here: a twin drawn like production uses another range. */
  firstRow?: number;
  /** Share of NULL status (production: 0.03). */
  nullStatus?: number;
  /** Transaction types left out (their rows become purchases). */
  withoutTypes?: string[];
  /** Newest created_at (rows spread over the 365 days before it). */
  newest?: string;
  /** Added to every amount. */
  amountShift?: number;
}

/** A uniform number in [0, 1) from md5(row || salt), the same on both servers. */
function uniform(dialect: Dialect, g: string, salt: string): string {
  return dialect === "postgres"
    ? `(('x' || substr(md5(${g}::text || '${salt}'), 1, 8))::bit(32)::bigint / 4294967296.0)`
    : `(CONV(SUBSTR(MD5(CONCAT(${g}, '${salt}')), 1, 8), 16, 10) / 4294967296.0)`;
}

export const TYPE_MIX: Array<[string, number]> = [
  ["purchase", 0.6],
  ["refund", 0.8],
  ["transfer", 0.95],
  ["chargeback", 0.99],
  ["instant_payout", 1],
];

export function createTableSql(dialect: Dialect, spec: TableSpec): string[] {
  const first = spec.firstRow ?? 1;
  const g = dialect === "postgres" ? "g" : "seq";
  const u = (salt: string) => uniform(dialect, g, salt);
  const cases = TYPE_MIX.map(([type, upTo]) => `WHEN ${u("type")} < ${upTo} THEN '${spec.withoutTypes?.includes(type) ? "purchase" : type}'`).join(" ");
  const status = `CASE WHEN ${u("status")} < ${spec.nullStatus ?? 0} THEN NULL WHEN ${u("status")} < 0.9 THEN 'settled' ELSE 'pending' END`;
  const amount = `ROUND(-LN(1 - ${u("amount")}) * 50 + ${spec.amountShift ?? 0}, 2)`;
  const newest = spec.newest ?? "2026-11-20 00:00:00";
  const seconds = `FLOOR(${u("time")} * 365 * 86400)`;
  if (dialect === "postgres") {
    return [
      `CREATE TABLE ${spec.name} (id bigint PRIMARY KEY, amount numeric(12,2) NOT NULL, type text NOT NULL, status text, created_at timestamptz NOT NULL)`,
      `INSERT INTO ${spec.name} SELECT g, ${amount}, CASE ${cases} END, ${status}, timestamptz '${newest}+00' - ${seconds} * interval '1 second'
         FROM generate_series(${first}, ${first + spec.rows - 1}) AS g`,
      `ANALYZE ${spec.name}`,
    ];
  }
  // MariaDB's Sequence engine (seq_1_to_N) stands in for generate_series.
  return [
    `CREATE TABLE ${spec.name} (id bigint PRIMARY KEY, amount decimal(12,2) NOT NULL, type varchar(32) NOT NULL, status varchar(16), created_at datetime NOT NULL)`,
    `INSERT INTO ${spec.name} SELECT seq, ${amount}, CASE ${cases} END, ${status}, TIMESTAMP'${newest}' - INTERVAL ${seconds} SECOND
       FROM seq_${first}_to_${first + spec.rows - 1}`,
    `ANALYZE TABLE ${spec.name}`,
  ];
}
