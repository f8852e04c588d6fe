/**
 * PostgreSQL catalog queries: one per object kind for the whole database, never one per table
 * (schemainspect issues ~15, drizzle-kit 6–8 per table). pg_catalog rather than
 * information_schema, because information_schema hides objects the audit role holds no
 * privilege on and is slower. The server renders every definition (format_type, pg_get_*),
 * which gives canonical text for free. Schemas are filtered inside the SQL ($1), and objects
 * that belong to an extension are left to the extension's own entry.
 */

/** Objects created by `CREATE EXTENSION` are compared through the extension, not one by one. */
const notExtensionMember = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;

const description = (alias: string, catalog: string, oid: string, sub = "0") =>
  `LEFT JOIN pg_description ${alias} ON ${alias}.objoid = ${oid} AND ${alias}.classoid = '${catalog}'::regclass AND ${alias}.objsubid = ${sub}`;

/** Database facts, the default schema list and the settings, in one round trip ($1 = setting names). */
export const META = `
SELECT current_database() AS database,
  (SELECT coalesce(array_agg(ns.nspname::text ORDER BY ns.nspname), '{}') FROM pg_namespace ns
    WHERE ns.nspname !~ '^pg_' AND ns.nspname <> 'information_schema' AND ${notExtensionMember("pg_namespace", "ns.oid")}) AS schemas,
  d.datcollate AS lc_collate, d.datctype AS lc_ctype, pg_encoding_to_char(d.encoding) AS server_encoding,
  (SELECT json_agg(json_build_object('name', s.name, 'reset', s.reset_val, 'unit', s.unit, 'vartype', s.vartype))
     FROM pg_settings s WHERE s.name = ANY($1::text[])) AS settings,
  (SELECT json_agg(json_build_object('database', r.setdatabase <> 0, 'role', r.setrole <> 0, 'config', r.setconfig))
     FROM pg_db_role_setting r
    WHERE r.setdatabase IN (0, d.oid) AND r.setrole IN (0, (SELECT oid FROM pg_roles WHERE rolname = current_user))) AS overrides
FROM pg_database d WHERE d.datname = current_database()`;

export const RELATIONS = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS relkind, c.relpersistence AS persistence,
  c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls, am.amname AS access_method,
  CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
  CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i
    JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid LIMIT 1) END AS partition_of,
  CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
  CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS definition,
  pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl, ds.description AS comment
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_am am ON am.oid = c.relam
${description("ds", "pg_class", "c.oid")}
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_class", "c.oid")}`;

export const COLUMNS = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS name,
  format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
  pg_get_expr(ad.adbin, ad.adrelid) AS default, a.attidentity AS identity, a.attgenerated AS generated,
  CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation,
  row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS position,
  a.attacl::text[] AS acl, ds.description AS comment
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
${description("ds", "pg_class", "c.oid", "a.attnum")}
WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped
  AND n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_class", "c.oid")}`;

export const CONSTRAINTS = `
SELECT n.nspname AS schema, c.relname AS table, co.conname AS name, co.contype AS type,
  pg_get_constraintdef(co.oid, true) AS definition, co.convalidated AS validated, ds.description AS comment
FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
${description("ds", "pg_constraint", "co.oid")}
WHERE co.contype IN ('p', 'f', 'u', 'c', 'x') AND n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_class", "c.oid")}`;

/** Indexes that back a primary key, unique or exclusion constraint are compared as that constraint. */
export const INDEXES = `
SELECT n.nspname AS schema, i.relname AS name, t.relname AS table, pg_get_indexdef(x.indexrelid) AS definition,
  x.indisvalid AS valid, ds.description AS comment
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = i.relnamespace
${description("ds", "pg_class", "i.oid")}
WHERE n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_class", "t.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = x.indexrelid AND co.conrelid = x.indrelid AND co.contype IN ('p', 'u', 'x'))`;

export const TYPES = `
SELECT n.nspname AS schema, t.typname AS name, t.typtype AS type,
  CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
  CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
  t.typnotnull AS not_null, t.typdefault AS default,
  CASE WHEN t.typtype = 'd' THEN (SELECT array_agg(pg_get_constraintdef(co.oid, true) ORDER BY 1) FROM pg_constraint co WHERE co.contypid = t.oid) END AS checks,
  pg_get_userbyid(t.typowner) AS owner, ds.description AS comment
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
${description("ds", "pg_type", "t.oid")}
WHERE t.typtype IN ('e', 'd') AND n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_type", "t.oid")}`;

/**
 * Never current values (they differ by design); identity sequences are compared through their
 * column, and a serial's sequence hangs off its table (owned_by) so it goes missing with it.
 */
export const SEQUENCES = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
  s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
  s.seqcache::text AS cache, s.seqcycle AS cycle, pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl,
  ds.description AS comment,
  (SELECT tn.nspname || '.' || t.relname FROM pg_depend dep JOIN pg_class t ON t.oid = dep.refobjid
     JOIN pg_namespace tn ON tn.oid = t.relnamespace
    WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refclassid = 'pg_class'::regclass AND dep.deptype = 'a' LIMIT 1) AS owned_by
FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
${description("ds", "pg_class", "c.oid")}
WHERE n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_class", "c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.deptype = 'i')`;

/** Definitions are hashed: bodies can be large, and "differs" is what the report needs. */
export const FUNCTIONS = `
SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args, p.prokind AS kind,
  pg_get_function_result(p.oid) AS result, l.lanname AS language, p.provolatile AS volatility, p.prosecdef AS security_definer,
  md5(CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) ELSE p.prosrc END) AS hash,
  pg_get_userbyid(p.proowner) AS owner, p.proacl::text[] AS acl, ds.description AS comment
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
${description("ds", "pg_proc", "p.oid")}
WHERE n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_proc", "p.oid")}`;

export const TRIGGERS = `
SELECT n.nspname AS schema, c.relname AS table, tg.tgname AS name, pg_get_triggerdef(tg.oid, true) AS definition,
  tg.tgenabled AS enabled, ds.description AS comment
FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
${description("ds", "pg_trigger", "tg.oid")}
WHERE NOT tg.tgisinternal AND n.nspname = ANY($1::text[]) AND ${notExtensionMember("pg_class", "c.oid")}`;

/** Extensions are database-wide: listed whatever the schema filter. */
export const EXTENSIONS = `
SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema, pg_get_userbyid(e.extowner) AS owner
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`;

export const POLICIES = `
SELECT n.nspname AS schema, c.relname AS table, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive,
  ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r ORDER BY 1) AS roles,
  pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = ANY($1::text[])`;

/** Settings that change what a query returns or whether it fails (lc_collate/lc_ctype come from pg_database). */
export const PG_SETTINGS = [
  "TimeZone",
  "DateStyle",
  "IntervalStyle",
  "search_path",
  "standard_conforming_strings",
  "default_transaction_isolation",
  "default_transaction_read_only",
  "default_transaction_deferrable",
  "statement_timeout",
  "lock_timeout",
  "idle_in_transaction_session_timeout",
  "max_connections",
  "bytea_output",
  "lc_monetary",
  "lc_numeric",
  "lc_time",
  "default_text_search_config",
  "timezone_abbreviations",
  "row_security",
  "array_nulls",
  "work_mem",
  "jit",
];
