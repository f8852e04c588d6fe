import pg from "pg";
import { redactUrl } from "../redact.js";
import type { Audit } from "../types.js";
import { HistoryError } from "./history-error.js";
import { migrate } from "./postgres-migrations.js";
import { parseSavedAudit } from "./saved-audit.js";
import { latestPerMap, mapKey, type HistoryListing, type HistoryQuery, type HistoryStore, type SavedAudit, type SkippedEntry } from "./store.js";

/*
 * parity's OWN store, not a target. This is the one place parity writes to a database, and it
 * writes only here: the team's history database, named by `--history postgres://…`. It shares
 * no code with the read-only target session (probes/database/session.ts): its own client, its
 * own module, never handed an environment's URL. Nothing in probes/ may import this file.
 */

const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 30_000;

export class PostgresStore implements HistoryStore {
  readonly label: string;

  private constructor(
    private readonly client: pg.Client,
    private readonly url: string,
  ) {
    this.label = redactUrl(url);
  }

  /** Connects and brings the tables up to date (created on first use, migrated by later versions). */
  static async open(url: string): Promise<PostgresStore> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, statement_timeout: STATEMENT_TIMEOUT_MS, query_timeout: STATEMENT_TIMEOUT_MS + 5_000, application_name: "parity history" });
    // A dropped connection must become a rejected query, not an unhandled 'error' event.
    client.on("error", () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw new HistoryError(url, "cannot connect", error);
    }
    try {
      await migrate(client);
    } catch (error) {
      await client.end().catch(() => {});
      throw new HistoryError(url, "cannot prepare its tables", error);
    }
    return new PostgresStore(client, url);
  }

  async save(audit: Audit): Promise<string> {
    try {
      // `json`, not `jsonb`: the audit comes back byte for byte as written (jsonb reorders keys).
      const result = await this.client.query<{ id: string }>(
        `INSERT INTO parity_audits (service, map, generated_at, schema_version, parity_version, gate, passed, exit_code, audit)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::json) RETURNING id`,
        [audit.service, mapKey(audit.map), audit.generatedAt, audit.schemaVersion, audit.parityVersion, audit.verdict.gate, audit.verdict.passed, audit.verdict.exitCode, JSON.stringify(audit)],
      );
      return `${this.label}#${result.rows[0]!.id}`;
    } catch (error) {
      throw new HistoryError(this.url, "cannot save the audit", error);
    }
  }

  async list(query: HistoryQuery = {}): Promise<HistoryListing> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.service !== undefined) where.push(`service = $${params.push(query.service)}`);
    if (query.map !== undefined) where.push(`map = $${params.push(mapKey(query.map))}`);
    if (query.since) where.push(`generated_at >= $${params.push(query.since.toISOString())}`);
    const filter = where.length ? `WHERE ${where.join(" AND ")}` : "";
    let sql = `SELECT id::text, audit::text AS audit FROM parity_audits ${filter}`;
    if (query.latestPerMap) sql = `SELECT DISTINCT ON (service, map) id::text, audit::text AS audit, generated_at FROM parity_audits ${filter} ORDER BY service, map, generated_at DESC, id DESC`;
    else if (query.newest !== undefined) sql = `${sql} ORDER BY generated_at DESC, id DESC LIMIT ${Math.max(0, Math.floor(query.newest))}`;
    let rows: Array<{ id: string; audit: string }>;
    try {
      rows = (await this.client.query<{ id: string; audit: string }>(sql, params)).rows;
    } catch (error) {
      throw new HistoryError(this.url, "cannot read audits", error);
    }
    const audits: SavedAudit[] = [];
    const skipped: SkippedEntry[] = [];
    for (const row of rows) {
      const parsed = parseSavedAudit(row.audit);
      if ("skip" in parsed) skipped.push({ ref: `${this.label}#${row.id}`, reason: parsed.skip });
      else audits.push({ ref: `${this.label}#${row.id}`, audit: parsed.audit });
    }
    audits.sort((a, b) => a.audit.generatedAt.localeCompare(b.audit.generatedAt) || Number(a.ref.split("#").pop()) - Number(b.ref.split("#").pop()));
    const latest = query.latestPerMap ? latestPerMap(audits) : audits;
    return { audits: query.latestPerMap && query.newest !== undefined ? latest.slice(-query.newest) : latest, skipped };
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
