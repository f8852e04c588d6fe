import type { DifferenceEntry } from "../map/schema.js";
import type { EntrySummary, Upkeep, UpkeepItem } from "../types.js";
import type { EntryState } from "./classify.js";
import { appliesTo, matchText } from "./entries.js";
import { listWords } from "./words.js";

/** An entry's standing over the whole audit, from its state in each pair it applies to. */
export type EntryVerdict = "matched" | "unverified" | "stale" | "unchecked" | "manual";

export interface EntryOverview {
  entry: DifferenceEntry;
  summary: EntrySummary;
  verdict: EntryVerdict;
  /** The audit's pairs the entry applies to, and its state in each. */
  states: Map<string, EntryState>;
}

/**
 * Matched anywhere means not stale: a gap seen in one region and not in another is still a gap.
 * Otherwise an entry is unverified when some pair could not decide (an error, an inconclusive
 * look), stale when its probe ran cleanly on every pair where it could and matched nothing, and
 * unchecked when its probe did not run at all in this audit.
 */
export function entryVerdict(entry: DifferenceEntry, states: Map<string, EntryState>): EntryVerdict {
  if (!entry.match) return "manual";
  const all = [...states.values()];
  if (all.includes("matched")) return "matched";
  if (all.includes("error") || all.includes("inconclusive")) return "unverified";
  if (all.includes("clean")) return "stale";
  return "unchecked";
}

export function overview(entries: DifferenceEntry[], pairStates: Map<string, Map<string, EntryState>>, summary: (e: DifferenceEntry) => EntrySummary): EntryOverview[] {
  return entries.map((entry) => {
    const states = new Map<string, EntryState>();
    for (const [pair, map] of pairStates) if (appliesTo(entry, pair)) states.set(pair, map.get(entry.id) ?? "not-run");
    return { entry, summary: summary(entry), verdict: entryVerdict(entry, states), states };
  });
}

function pairsIn(o: EntryOverview, wanted: EntryState[]): string[] {
  return [...o.states].filter(([, s]) => wanted.includes(s)).map(([p]) => p);
}

function item(o: EntryOverview, pairs: string[], detail: string): UpkeepItem {
  const { line, owner, reviewBy } = o.summary;
  return { entry: o.entry.id, pairs, ...(line !== undefined ? { line } : {}), ...(owner ? { owner } : {}), ...(reviewBy ? { reviewBy } : {}), detail };
}

/** The map-upkeep list, in the words every format shows. */
export function upkeepOf(overviews: EntryOverview[], multiPair: boolean): Upkeep {
  const on = (pairs: string[]) => (multiPair && pairs.length ? ` on ${listWords(pairs)}` : "");
  const stale: UpkeepItem[] = [];
  const unverified: UpkeepItem[] = [];
  const unchecked: UpkeepItem[] = [];
  for (const o of overviews) {
    const probe = o.entry.match?.probe ?? "";
    if (o.verdict === "stale") {
      const pairs = pairsIn(o, ["clean"]);
      stale.push(item(o, pairs, `its probe ${probe} ran${on(pairs)} and observed nothing matching ${matchText(o.entry)}; remove or correct it`));
    } else if (o.verdict === "unverified") {
      const failed = pairsIn(o, ["error"]);
      const undecided = pairsIn(o, ["inconclusive"]);
      const why = [failed.length ? `its probe ${probe} could not run${on(failed)}` : "", undecided.length ? `its probe ${probe} could not decide${on(undecided)} (inconclusive)` : ""].filter(Boolean);
      unverified.push(item(o, [...failed, ...undecided], `not verified this time: ${why.join("; ")}`));
    } else if (o.verdict === "unchecked") {
      unchecked.push(item(o, [...o.states.keys()], `not checked: its probe ${probe} did not run in this audit`));
    }
  }
  const overdue = overviews
    .filter((o) => o.summary.overdue)
    .map((o) => item(o, [...o.states.keys()], [`review was due ${o.summary.reviewBy}`, o.summary.owner ? `owner ${o.summary.owner}` : ""].filter(Boolean).join(", ")));
  const entries = overviews.length;
  return { entries, stale, unverified, unchecked, overdue, clean: entries > 0 && stale.length + unverified.length + unchecked.length + overdue.length === 0 };
}
