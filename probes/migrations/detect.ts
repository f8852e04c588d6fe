import { ProbeError } from "../../src/errors.js";
import type { DatabaseSession } from "../database/session.js";
import { TOOLS, toolSpec, toolsFitting, type ToolSpec } from "./tools.js";
import type { MigrationTool } from "./types.js";

/** A table the catalog lists that may hold a migration history. */
export interface HistoryTable {
  schema: string;
  name: string;
  /** Actual column names (their case as the catalog has them). */
  columns: string[];
  /** On the search path (PostgreSQL) or the connection's database (MySQL): preferred when a name exists twice. */
  preferred: boolean;
}

export interface FoundHistory {
  spec: ToolSpec;
  table: HistoryTable;
}

/**
 * One catalog query: which of the candidate tables exist, with their columns. Filtering by name
 * inside the query keeps it one small read whatever the database's size.
 */
async function listTables(session: DatabaseSession, names: string[]): Promise<HistoryTable[]> {
  if (session.dialect === "postgres") {
    const rows = await session.query<{ schema: string; name: string; columns: string[]; preferred: boolean }>(
      `SELECT n.nspname AS schema, c.relname AS name,
              array_agg(a.attname::text ORDER BY a.attnum) AS columns,
              n.nspname = ANY (current_schemas(false)) AS preferred
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND lower(c.relname) = ANY ($1::text[])
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        GROUP BY n.nspname, c.relname
        ORDER BY 4 DESC, 1, 2`,
      [names],
    );
    return rows.map((r) => ({ ...r, columns: [...r.columns] }));
  }
  // Atlas keeps its table in a database of its own when the URL names none it may write to.
  const rows = await session.query<{ schema: string; name: string; columns: string; preferred: number | string }>(
    `SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS name,
            GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION SEPARATOR ',') AS columns,
            TABLE_SCHEMA = DATABASE() AS preferred
       FROM information_schema.COLUMNS
      WHERE LOWER(TABLE_NAME) IN (?)
        AND (TABLE_SCHEMA = DATABASE() OR DATABASE() IS NULL OR TABLE_SCHEMA = 'atlas_schema_revisions')
        AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
      GROUP BY TABLE_SCHEMA, TABLE_NAME
      ORDER BY preferred DESC, TABLE_SCHEMA, TABLE_NAME`,
    [names],
  );
  return rows.map((r) => ({ schema: r.schema, name: r.name, columns: String(r.columns).split(","), preferred: Number(r.preferred) === 1 }));
}

/** "schema.table" or "table" from the map. */
function splitTable(table: string): { schema?: string; name: string } {
  const dot = table.lastIndexOf(".");
  return dot > 0 ? { schema: table.slice(0, dot), name: table.slice(dot + 1) } : { name: table };
}

export function qualified(table: HistoryTable): string {
  return `${table.schema}.${table.name}`;
}

/** Finds the history table to read: the one named, the tool's default, or whichever known table exists. */
export async function findHistory(session: DatabaseSession, tool: MigrationTool | undefined, table: string | undefined): Promise<FoundHistory> {
  const wanted = table ? splitTable(table) : undefined;
  const candidates = wanted ? [wanted.name.toLowerCase()] : [...new Set((tool ? [toolSpec(tool)] : TOOLS).flatMap((t) => t.tables))];
  const found = (await listTables(session, candidates)).filter((t) => !wanted?.schema || t.schema.toLowerCase() === wanted.schema.toLowerCase());
  const tried = () => (wanted ? table! : candidates.join(", "));
  if (found.length === 0) {
    const hint = wanted ? "" : tool ? " (set table: if yours has another name)" : " (set tool: and table: if yours is elsewhere)";
    throw new ProbeError(`no migration history found, tried: ${tried()}${hint}`);
  }
  const matches = found.flatMap((t) => {
    const fitting = toolsFitting(wanted ? undefined : t.name, t.columns).filter((s) => !tool || s.tool === tool);
    return fitting.length > 0 ? [{ spec: fitting[0]!, table: t }] : [];
  });
  if (matches.length === 0) {
    const t = found[0]!;
    const expected = tool ? ` a ${toolSpec(tool).title} history needs ${toolSpec(tool).columns.join(", ")}` : " it matches no known tool's history table";
    throw new ProbeError(`${qualified(t)} has columns ${t.columns.join(", ")}:${expected}`);
  }
  const tools = [...new Set(matches.map((m) => m.spec.tool))];
  if (tools.length > 1) {
    throw new ProbeError(`found the history tables of several tools (${matches.map((m) => `${m.spec.title}: ${qualified(m.table)}`).join(", ")}); set tool: to the one to compare`);
  }
  const preferred = matches.filter((m) => m.table.preferred);
  const pool = preferred.length > 0 ? preferred : matches;
  if (pool.length > 1) {
    throw new ProbeError(`found ${pool[0]!.spec.title} history tables in several schemas (${pool.map((m) => qualified(m.table)).join(", ")}); set table: to the one to compare`);
  }
  return pool[0]!;
}
