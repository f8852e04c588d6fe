import type { DatabaseSession } from "../database/session.js";
import type { JsonValue } from "../../src/types.js";
import type { ObjectKind, SchemaObject, SchemaSnapshot } from "./types.js";
import * as Q from "./postgres-queries.js";
import { normalisePgDefault, normalisePgSetting, stripIndexName, stripTriggerName } from "./normalise.js";

type Row = Record<string, unknown>;
type Collected = Omit<SchemaSnapshot, "format" | "version" | "dialect" | "serverVersion" | "collectedAt" | "statements">;

const IDENTITY: Record<string, string | null> = { a: "always", d: "by default", "": null };
const GENERATED: Record<string, string | null> = { s: "stored", v: "virtual", "": null };
const CONSTRAINT_TYPES: Record<string, string> = { p: "primary key", f: "foreign key", u: "unique", c: "check", x: "exclusion" };
const RELKINDS: Record<string, ObjectKind> = { r: "table", p: "table", f: "table", v: "view", m: "materialized-view" };
const FUNCTION_KINDS: Record<string, ObjectKind> = { f: "function", w: "function", a: "function", p: "procedure" };
const VOLATILITY: Record<string, string> = { i: "immutable", s: "stable", v: "volatile" };
const POLICY_COMMANDS: Record<string, string> = { r: "select", a: "insert", w: "update", d: "delete", "*": "all" };
const TRIGGER_STATES: Record<string, string> = { O: "enabled", D: "disabled", R: "replica", A: "always" };

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** ACL arrays come back in grant order, which means nothing: sort them. */
const acl = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String).sort() : null);

/**
 * Reads one PostgreSQL database through the session: the catalog queries run one after the
 * other on the one connection (the runner already collects the two sides in parallel).
 */
export async function collectPostgres(session: DatabaseSession, wantedSchemas: string[] | undefined): Promise<Collected> {
  // Rendered definitions depend on the session: names are qualified against search_path (a
  // classic source of view-text noise) and literals follow DateStyle/TimeZone (a partition
  // bound reads '01/01/2026' under SQL, DMY). Pin them, transaction-locally, so both sides
  // render alike; the settings themselves are read from their configured values below.
  await session.query(
    "SELECT set_config('search_path', 'pg_catalog', true), set_config('DateStyle', 'ISO, YMD', true), " +
      "set_config('IntervalStyle', 'postgres', true), set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '3', true)",
  );
  const [meta] = await session.query(Q.META, [Q.PG_SETTINGS]);
  if (!meta) throw new Error("the current database is not in pg_database");
  const schemas = wantedSchemas ?? (meta.schemas as string[]);
  const objects: SchemaObject[] = [];
  const add = (kind: ObjectKind, schema: string, name: string, attrs: Record<string, JsonValue>, parent?: string) =>
    objects.push({ kind, name, schema, ...(parent ? { parent } : {}), attrs });

  for (const r of await session.query(Q.RELATIONS, [schemas])) {
    const kind = RELKINDS[String(r.relkind)] ?? "table";
    const common = { owner: str(r.owner), grants: acl(r.acl), comment: str(r.comment) };
    if (kind === "table") {
      add(kind, String(r.schema), `${r.schema}.${r.name}`, {
        ...common,
        tableKind: r.relkind === "p" ? "partitioned" : r.relkind === "f" ? "foreign" : "ordinary",
        persistence: r.persistence === "u" ? "unlogged" : "logged",
        rls: Boolean(r.rls),
        forceRls: Boolean(r.force_rls),
        partitionKey: str(r.partition_key),
        partitionOf: str(r.partition_of),
        partitionBound: str(r.partition_bound),
        accessMethod: str(r.access_method),
      });
    } else {
      add(kind, String(r.schema), `${r.schema}.${r.name}`, { ...common, definition: str(r.definition)?.trim() ?? null });
    }
  }
  for (const r of await session.query(Q.COLUMNS, [schemas])) {
    const table = `${r.schema}.${r.table}`;
    add("column", String(r.schema), `${table}.${r.name}`, {
      type: String(r.type),
      nullable: !r.not_null,
      default: r.identity || r.generated ? null : normalisePgDefault(str(r.default)),
      identity: IDENTITY[String(r.identity ?? "")] ?? null,
      generated: r.generated ? `${GENERATED[String(r.generated)] ?? r.generated}: ${str(r.default)}` : null,
      collation: str(r.collation),
      position: Number(r.position),
      grants: acl(r.acl),
      comment: str(r.comment),
    }, table);
  }
  for (const r of await session.query(Q.CONSTRAINTS, [schemas])) {
    const table = `${r.schema}.${r.table}`;
    add("constraint", String(r.schema), `${table}.${r.name}`, {
      constraintType: CONSTRAINT_TYPES[String(r.type)] ?? String(r.type),
      definition: String(r.definition),
      validated: Boolean(r.validated),
      comment: str(r.comment),
    }, table);
  }
  for (const r of await session.query(Q.INDEXES, [schemas])) {
    add("index", String(r.schema), `${r.schema}.${r.name}`, {
      definition: stripIndexName(String(r.definition)),
      valid: Boolean(r.valid),
      comment: str(r.comment),
    }, `${r.schema}.${r.table}`);
  }
  for (const r of await session.query(Q.TYPES, [schemas])) {
    const name = `${r.schema}.${r.name}`;
    if (r.type === "e") add("enum", String(r.schema), name, { labels: (r.labels as string[]) ?? [], owner: str(r.owner), comment: str(r.comment) });
    else
      add("domain", String(r.schema), name, {
        type: str(r.base_type),
        nullable: !r.not_null,
        default: normalisePgDefault(str(r.default)),
        checks: ((r.checks as string[] | null) ?? []).slice().sort(),
        owner: str(r.owner),
        comment: str(r.comment),
      });
  }
  for (const r of await session.query(Q.SEQUENCES, [schemas])) {
    add("sequence", String(r.schema), `${r.schema}.${r.name}`, {
      type: str(r.type),
      sequence: `start ${r.start} increment ${r.increment} min ${r.min} max ${r.max} cache ${r.cache}${r.cycle ? " cycle" : ""}`,
      owner: str(r.owner),
      grants: acl(r.acl),
      comment: str(r.comment),
    }, str(r.owned_by) ?? undefined);
  }
  for (const r of await session.query(Q.FUNCTIONS, [schemas])) {
    add(FUNCTION_KINDS[String(r.kind)] ?? "function", String(r.schema), `${r.schema}.${r.name}(${r.args})`, {
      returns: str(r.result),
      language: str(r.language),
      volatility: VOLATILITY[String(r.volatility)] ?? str(r.volatility),
      securityDefiner: Boolean(r.security_definer),
      definitionHash: str(r.hash),
      owner: str(r.owner),
      grants: acl(r.acl),
      comment: str(r.comment),
    });
  }
  for (const r of await session.query(Q.TRIGGERS, [schemas])) {
    const table = `${r.schema}.${r.table}`;
    add("trigger", String(r.schema), `${table}.${r.name}`, {
      definition: stripTriggerName(String(r.definition)),
      enabled: TRIGGER_STATES[String(r.enabled)] ?? String(r.enabled),
      comment: str(r.comment),
    }, table);
  }
  for (const r of await session.query(Q.EXTENSIONS)) {
    add("extension", String(r.schema), String(r.name), { version: str(r.version), extensionSchema: String(r.schema), owner: str(r.owner) });
  }
  for (const r of await session.query(Q.POLICIES, [schemas])) {
    const table = `${r.schema}.${r.table}`;
    add("policy", String(r.schema), `${table}.${r.name}`, {
      command: POLICY_COMMANDS[String(r.command)] ?? String(r.command),
      permissive: Boolean(r.permissive),
      roles: (r.roles as string[]) ?? [],
      using: str(r.using),
      withCheck: str(r.with_check),
    }, table);
  }
  return {
    database: String(meta.database),
    schemas: [...schemas].sort(),
    absentSchemas: (wantedSchemas ?? []).filter((s) => !(meta.schemas as string[]).includes(s)),
    objects,
    settings: readSettings(meta),
    // pg_catalog lists every object whatever the role's privileges: nothing is hidden.
    visibility: { limited: {} },
  };
}

interface SettingRow {
  name: string;
  reset: string | null;
  unit: string | null;
}
interface OverrideRow {
  database: boolean;
  role: boolean;
  config: string[] | null;
}

/**
 * Settings as configured for this database and role, not as parity's session changed them:
 * ALTER ROLE … IN DATABASE beats ALTER ROLE beats ALTER DATABASE beats the server's reset value.
 */
function readSettings(meta: Row): Record<string, string | null> {
  const rows = (meta.settings as SettingRow[] | null) ?? [];
  const overrides = ((meta.overrides as OverrideRow[] | null) ?? []).slice();
  const rank = (o: OverrideRow) => (o.database && o.role ? 3 : o.role ? 2 : o.database ? 1 : 0);
  overrides.sort((a, b) => rank(a) - rank(b)); // ascending, so the most specific is applied last
  const configured = new Map<string, string>();
  for (const o of overrides) {
    for (const item of o.config ?? []) {
      const eq = item.indexOf("=");
      if (eq > 0) configured.set(item.slice(0, eq).toLowerCase(), item.slice(eq + 1));
    }
  }
  const out: Record<string, string | null> = {};
  for (const row of rows) {
    const raw = configured.get(row.name.toLowerCase()) ?? row.reset;
    out[row.name] = normalisePgSetting(row.name, raw, row.unit);
  }
  for (const name of ["lc_collate", "lc_ctype", "server_encoding"]) out[name] = str(meta[name]);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
