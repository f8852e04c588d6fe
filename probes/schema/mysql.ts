import { createHash } from "node:crypto";
import type { DatabaseSession } from "../database/session.js";
import type { JsonValue } from "../../src/types.js";
import type { ObjectKind, SchemaObject, SchemaSnapshot, Visibility } from "./types.js";
import * as Q from "./mysql-queries.js";
import { normaliseCharset, normaliseMysqlDefault, normaliseMysqlExtra, normaliseMysqlType, normaliseMysqlTypesIn } from "./normalise.js";

type Row = Record<string, unknown>;
type Collected = Omit<SchemaSnapshot, "format" | "version" | "dialect" | "serverVersion" | "collectedAt" | "statements">;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const nonEmpty = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : String(v));
const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);
const q = (ident: string) => "`" + ident.replace(/`/g, "``") + "`";

/** Bodies name their own database (`shop`.`orders`): drop it so databases may be named per environment. */
const unqualify = (text: string, schema: string) => text.split(`${q(schema)}.`).join("");

export async function collectMysql(session: DatabaseSession, wantedSchemas: string[] | undefined): Promise<Collected> {
  const isMariaDb = /mariadb/i.test(session.serverVersion);
  const [who] = await session.query(Q.IDENTITY);
  const current = str(who?.db);
  const allSchemas = await session.query(Q.SCHEMATA);
  const userSchemas = allSchemas.map((r) => String(r.name)).filter((s) => !Q.SYSTEM_SCHEMAS.includes(s.toLowerCase()));
  const schemas = (wantedSchemas ?? (current ? [current] : userSchemas)).slice().sort();
  const objects: SchemaObject[] = [];
  const add = (kind: ObjectKind, schema: string, name: string, attrs: Record<string, JsonValue>, parent?: string, hidden?: string[]) =>
    objects.push({ kind, name, schema, ...(parent ? { parent } : {}), attrs, ...(hidden?.length ? { hidden } : {}) });

  for (const r of allSchemas) {
    const name = String(r.name);
    if (schemas.includes(name)) add("schema", name, name, { charset: normaliseCharset(str(r.charset)), collation: normaliseCharset(str(r.collation)) });
  }
  const absentSchemas = (wantedSchemas ?? []).filter((s) => !allSchemas.some((r) => String(r.name) === s));
  if (schemas.length === 0) return { database: current ?? "", schemas, absentSchemas, objects, settings: await readSettings(session), visibility: { limited: {} } };

  const tableCollation = new Map<string, string | null>();
  for (const r of await session.query(Q.TABLES, [schemas])) {
    const name = `${r.sch}.${r.name}`;
    if (r.type === "SEQUENCE") {
      add("sequence", String(r.sch), name, {});
      continue;
    }
    tableCollation.set(name, normaliseCharset(str(r.collation)));
    add("table", String(r.sch), name, {
      engine: str(r.engine),
      charset: normaliseCharset(str(r.charset)),
      collation: normaliseCharset(str(r.collation)),
      rowFormat: str(r.row_format),
      options: nonEmpty(r.options),
      systemVersioned: r.type === "SYSTEM VERSIONED",
      comment: nonEmpty(r.comment),
    });
  }
  for (const r of await session.query(Q.COLUMNS, [schemas])) {
    const table = `${r.sch}.${r.tbl}`;
    if (!tableCollation.has(table)) continue; // a view's columns: the view is compared by definition
    const type = normaliseMysqlType(String(r.type));
    const extra = normaliseMysqlExtra(String(r.extra ?? ""));
    const collation = normaliseCharset(str(r.collation));
    add("column", String(r.sch), `${table}.${r.name}`, {
      type,
      nullable: r.nullable === "YES",
      default: normaliseMysqlDefault(str(r.dflt), type, String(r.extra ?? ""), isMariaDb),
      extra: extra || null,
      generated: nonEmpty(r.generation),
      // Relative to the table's default, so a table-level change is reported once, not per column.
      collation: collation === tableCollation.get(table) ? null : collation,
      position: Number(r.position),
      comment: nonEmpty(r.comment),
    }, table);
  }
  collectIndexes(await session.query(Q.STATISTICS, [schemas]), add);
  collectForeignKeys(await session.query(Q.FOREIGN_KEY_COLUMNS, [schemas]), await session.query(Q.FOREIGN_KEY_RULES, [schemas]), add);
  if (supportsChecks(session.serverVersion, isMariaDb)) {
    for (const r of await session.query(isMariaDb ? Q.CHECKS_MARIADB : Q.CHECKS_MYSQL, [schemas])) {
      const table = `${r.sch}.${r.tbl}`;
      add("constraint", String(r.sch), `${table}.${r.name}`, {
        constraintType: "check",
        definition: `CHECK (${unwrap(String(r.clause))})`,
      }, table);
    }
  }
  for (const r of await session.query(Q.VIEWS, [schemas])) {
    const definition = nonEmpty(r.definition);
    add("view", String(r.sch), `${r.sch}.${r.name}`, {
      definition: definition ? unqualify(definition, String(r.sch)) : null,
      checkOption: str(r.check_option),
      security: str(r.security),
      owner: str(r.definer),
    }, undefined, definition ? [] : ["definition"]);
  }
  for (const r of await session.query(Q.ROUTINES, [schemas])) {
    const kind: ObjectKind = r.type === "PROCEDURE" ? "procedure" : "function";
    const body = str(r.definition);
    add(kind, String(r.sch), `${r.sch}.${r.name}(${normaliseMysqlTypesIn(str(r.params) ?? "")})`, {
      returns: r.ret ? normaliseMysqlTypesIn(String(r.ret)) : null,
      deterministic: r.is_det === "YES",
      dataAccess: str(r.data_access),
      security: str(r.security),
      definitionHash: body === null ? null : hash(unqualify(body, String(r.sch))),
      // A routine keeps the sql_mode it was created under and runs with it (strict or silent truncation).
      sqlMode: str(r.sql_mode),
      owner: str(r.definer),
      comment: nonEmpty(r.comment),
    }, undefined, body === null ? ["definitionHash"] : []);
  }
  for (const r of await session.query(Q.TRIGGERS, [schemas])) {
    const table = `${r.sch}.${r.tbl}`;
    add("trigger", String(r.sch), `${r.sch}.${r.name}`, {
      definition: `${r.timing} ${r.event} ON ${r.tbl} FOR EACH ROW ${unqualify(String(r.statement), String(r.sch))}`,
      order: Number(r.action_order),
      sqlMode: str(r.sql_mode),
      owner: str(r.definer),
    }, table);
  }
  const visibility = await readVisibility(session, str(who?.user), schemas);
  return { database: current ?? "", schemas, absentSchemas, objects, settings: await readSettings(session), visibility };
}

type Add = (kind: ObjectKind, schema: string, name: string, attrs: Record<string, JsonValue>, parent?: string) => void;

/** Rows of one index (or key) together, in column order. */
function groupBy(rows: Row[], key: (r: Row) => string, position: (r: Row) => number): Row[][] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = key(r);
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => position(a) - position(b)));
}

/** STATISTICS has one row per index column. */
function collectIndexes(rows: Row[], add: Add): void {
  const groups = groupBy(rows, (r) => `${r.TABLE_SCHEMA}\u0000${r.TABLE_NAME}\u0000${r.INDEX_NAME}`, (r) => Number(r.SEQ_IN_INDEX));
  for (const parts of groups) {
    const first = parts[0]!;
    const schema = String(first.TABLE_SCHEMA);
    const table = `${schema}.${first.TABLE_NAME}`;
    const columns = parts
      .map((p) => {
        const expr = nonEmpty(p.EXPRESSION); // MySQL 8 functional key parts
        const col = expr ? `(${expr})` : String(p.COLUMN_NAME);
        return `${col}${p.SUB_PART ? `(${p.SUB_PART})` : ""}${p.COLLATION === "D" ? " DESC" : ""}`;
      })
      .join(", ");
    const unique = String(first.NON_UNIQUE) === "0";
    const type = String(first.INDEX_TYPE ?? "BTREE");
    if (first.INDEX_NAME === "PRIMARY") {
      add("constraint", schema, `${table}.PRIMARY`, { constraintType: "primary key", definition: `PRIMARY KEY (${columns})` }, table);
      continue;
    }
    add("index", schema, `${table}.${first.INDEX_NAME}`, {
      definition: `${unique ? "UNIQUE " : ""}${type} (${columns})`,
      visible: first.IS_VISIBLE === undefined ? (first.IGNORED === undefined ? true : first.IGNORED !== "YES") : first.IS_VISIBLE === "YES",
      comment: nonEmpty(first.INDEX_COMMENT),
    }, table);
  }
}

function collectForeignKeys(columns: Row[], rules: Row[], add: Add): void {
  const key = (r: Row) => `${r.sch}\u0000${r.tbl}\u0000${r.name}`;
  const ruleOf = new Map(rules.map((r) => [key(r), r]));
  for (const parts of groupBy(columns, key, (r) => Number(r.pos))) {
    const first = parts[0]!;
    const rule = ruleOf.get(key(first));
    const schema = String(first.sch);
    const table = `${schema}.${first.tbl}`;
    const refTable = first.ref_schema === schema ? String(first.ref_table) : `${first.ref_schema}.${first.ref_table}`;
    const cols = parts.map((p) => p.col).join(", ");
    const refCols = parts.map((p) => p.ref_col).join(", ");
    add("constraint", schema, `${table}.${first.name}`, {
      constraintType: "foreign key",
      definition: `FOREIGN KEY (${cols}) REFERENCES ${refTable}(${refCols}) ON UPDATE ${rule?.on_update ?? "?"} ON DELETE ${rule?.on_delete ?? "?"}`,
    }, table);
  }
}

/** MariaDB writes `amount` > 0, MySQL (`amount` > 0). */
function unwrap(clause: string): string {
  const t = clause.trim();
  return t.startsWith("(") && t.endsWith(")") ? t.slice(1, -1).trim() : t;
}

function supportsChecks(version: string, isMariaDb: boolean): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map(Number);
  const v = major * 10_000 + minor * 100 + patch;
  return isMariaDb ? v >= 100_201 : v >= 80_016;
}

async function readSettings(session: DatabaseSession): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const r of await session.query(Q.SETTINGS, [Q.MYSQL_SETTINGS])) {
    const name = String(r.Variable_name ?? r.VARIABLE_NAME);
    let value = str(r.Value ?? r.VARIABLE_VALUE);
    if (value && /^(character_set_|collation_)/.test(name)) value = normaliseCharset(value);
    // tx_isolation (MariaDB, MySQL 5.7) and transaction_isolation (MySQL 8, MariaDB 11) are one setting.
    out[name === "tx_isolation" ? "transaction_isolation" : name] = value;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const SEES_TABLES = /^(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|INDEX|REFERENCES|SHOW VIEW|CREATE VIEW|TRIGGER|ALL PRIVILEGES)$/;
const SEES_ROUTINES = /^(SELECT|EXECUTE|ALTER ROUTINE|CREATE ROUTINE|ALL PRIVILEGES)$/;

/**
 * information_schema silently leaves out what the user holds no privilege on. Without a
 * global or database-level privilege, tables (and their columns, indexes, constraints),
 * routines and triggers may exist unseen; compare then says `not-visible`, not `missing`.
 */
async function readVisibility(session: DatabaseSession, user: string | null, schemas: string[]): Promise<Visibility> {
  if (!user) return { limited: {} };
  const at = user.lastIndexOf("@");
  const grantee = `'${user.slice(0, at)}'@'${user.slice(at + 1)}'`;
  const rows = await session.query(Q.PRIVILEGES, [grantee, grantee]);
  const limited: Record<string, ObjectKind[]> = {};
  const missing: string[] = [];
  for (const schema of schemas) {
    const privs = rows.filter((r) => r.level === "global" || r.sch === schema).map((r) => String(r.privilege));
    const kinds: ObjectKind[] = [];
    if (!privs.some((p) => SEES_TABLES.test(p))) kinds.push("table", "view", "column", "index", "constraint");
    if (!privs.some((p) => SEES_ROUTINES.test(p))) kinds.push("function", "procedure");
    if (!privs.some((p) => p === "TRIGGER" || p === "ALL PRIVILEGES")) kinds.push("trigger");
    if (kinds.length) {
      limited[schema] = kinds;
      missing.push(schema);
    }
  }
  return missing.length
    ? { limited, reason: `${user} has no database-wide privileges on ${missing.join(", ")} (grant SELECT, SHOW VIEW, TRIGGER and EXECUTE on the database to compare everything)` }
    : { limited };
}
