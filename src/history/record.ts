import type { Audit } from "../types.js";
import { stampFirstSeen } from "./first-seen.js";
import { describeLocation, type HistoryLocation } from "./location.js";
import { sinceLast } from "./since-last.js";
import { openHistory, type HistoryStore } from "./store.js";

/** How many earlier audits of the same map are read to date each finding (enough to see past a few partial runs). */
const LOOK_BACK = 30;

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code && e.path ? `${e.code} on ${e.path}` : e.message;
}

/**
 * Saves the audit to history and returns it with what history adds: each finding's first-seen
 * date and age, and what changed since the previous audit of the same service and map. History
 * is an extra: a store that cannot be reached, read or written is a warning, and the audit (its
 * report and its gate) stands as it is.
 */
export async function recordAudit(audit: Audit, location: HistoryLocation, warn: (message: string) => void): Promise<Audit> {
  let store: HistoryStore;
  try {
    store = await openHistory(location);
  } catch (error) {
    warn(`parity: could not save this audit to history: ${reason(error)} (the report and the gate stand; pass --no-history to skip saving)`);
    return audit;
  }
  try {
    let result = audit;
    try {
      const { audits } = await store.list({ service: audit.service, map: audit.map, newest: LOOK_BACK });
      const previous = audits.filter((s) => s.audit.generatedAt < audit.generatedAt).map((s) => s.audit).reverse();
      result = { ...stampFirstSeen(audit, previous), sinceLast: sinceLast(audit, previous[0], previous[0]?.generatedAt ?? null) };
    } catch (error) {
      warn(`parity: could not read the history in ${describeLocation(location)}: ${reason(error)} (findings are not dated this time)`);
    }
    try {
      await store.save(result);
    } catch (error) {
      warn(`parity: could not save this audit to history: ${reason(error)} (pass --no-history to skip saving)`);
    }
    return result;
  } finally {
    await store.close();
  }
}
