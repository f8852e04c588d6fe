import { ProbeError } from "../../src/errors.js";

/**
 * The second lock on the door. Sessions already run in a read-only transaction, but MySQL's
 * READ ONLY refuses data changes and still lets DDL through (it commits implicitly), and a
 * statement that ends the transaction would take the first lock off. So every statement a
 * probe sends must be a single read: it starts with SELECT, SHOW, WITH, VALUES or TABLE, or
 * sets a session-level variable. Comments are skipped; anything else is refused before it
 * reaches the server.
 */
const READ = /^(SELECT|SHOW|WITH|VALUES|TABLE|DESCRIBE|DESC)\b/i;
const SESSION_SET = /^SET\s+(?!GLOBAL\b|PERSIST\b|PERSIST_ONLY\b|@@GLOBAL\.|@@PERSIST|TRANSACTION\b|SESSION\s+TRANSACTION\b|CHARACTER\b|NAMES\b|PASSWORD\b|ROLE\b|DEFAULT\s+ROLE\b)/i;

function withoutLeadingComments(sql: string): string {
  let text = sql.trimStart();
  for (;;) {
    if (text.startsWith("--") || text.startsWith("#")) text = text.slice(text.indexOf("\n") + 1 || text.length).trimStart();
    else if (text.startsWith("/*")) text = text.slice(text.indexOf("*/") + 2 || text.length).trimStart();
    else return text;
  }
}

export function assertReadOnlyStatement(sql: string): void {
  const text = withoutLeadingComments(sql);
  if (READ.test(text) || SESSION_SET.test(text)) return;
  const first = text.split(/\s+/, 1)[0] ?? "";
  throw new ProbeError(`refused to send a ${first.toUpperCase() || "blank"} statement: parity only reads from targets`);
}
