import type { Dimension, EntryStatus, Rating, Risk, Severity } from "../types.js";

/** One week of the window: how many services were rated each way at its end. */
export interface RatingWeek {
  /** Monday of the week (UTC), `2026-09-07`. */
  week: string;
  counts: Record<Rating, number>;
}

/** A gap's life within the window, for one service and map. */
export interface GapLife {
  service: string;
  map: string;
  /** The finding id (pair/probe/subject/aspect). */
  id: string;
  probe: string;
  probeKind: string;
  subject: string;
  aspect: string;
  dimension: Dimension;
  risk: Risk | null;
  /** The entry that declares it, when one does (at the end of its life in the window). */
  entry?: string;
  opened: string;
  /** True when it was already open at the window's start. */
  openedBefore: boolean;
  closed?: string;
  /** Days from opened to closed (or to the window's end while still open). */
  days: number;
  /** When it went from undeclared to declared, if it did in the window. */
  declaredOn?: string;
}

export interface EntryChange {
  service: string;
  entry: string;
  date: string;
  /** "status open → mitigated", "owner (none) → ledger-team". */
  changes: string[];
}

export interface EntryView {
  service: string;
  map: string;
  id: string;
  summary: string;
  dimension: Dimension;
  impact: Severity;
  status: EntryStatus;
  owner?: string;
  reviewBy?: string;
  overdue: boolean;
  firstSeen: string;
}

/** Incidents a map entry explains, as the incidents probe traced them. */
export interface TracedIncidents {
  service: string;
  entry: string;
  incidents: Array<{ id?: string; date: string; summary: string }>;
}

/** Tests that passed in staging and failed in production, by the entry that declares them (or none). */
export interface RedTests {
  service: string;
  /** Undefined: no map entry declares them (undeclared gaps). */
  entry?: string;
  tests: string[];
  /** How many audits saw at least one of them. */
  audits: number;
}

/** One gap, weighed by the evidence against it: the "where investment pays off" list. */
export interface Investment {
  rank: number;
  /** `ledger/map/legacy-ledger-stub` or `payments/config/PAYMENT_TIMEOUT_MS/value`. */
  key: string;
  title: string;
  services: string[];
  entry?: string;
  owners: string[];
  /** True when no entry names the owners: parity proposes who already owns that probe's gaps. */
  ownersProposed: boolean;
  incidents: number;
  redTests: number;
  risk: Risk | null;
  ageDays: number;
  /** Why it ranks where it does, in words. */
  evidence: string;
}

export interface ActionItem {
  owner: string;
  action: string;
  why: string;
}

/** `parity review`: the quarterly parity review as a document. */
export interface Review {
  kind: "parity-review";
  schemaVersion: 1;
  generatedAt: string;
  since: string;
  until: string;
  audits: number;
  services: Array<{ service: string; map: string; audits: number; first: string; last: string; passed: boolean; exitCode: number; summary: string }>;
  ratings: Record<Dimension, RatingWeek[]>;
  gaps: {
    opened: number;
    closed: number;
    open: number;
    /** Median and 90th percentile days to close, over gaps closed in the window. */
    medianDaysToClose: number | null;
    p90DaysToClose: number | null;
    declared: number;
    lives: GapLife[];
    /** Open gaps per week's end, for the chart. */
    weekly: Array<{ week: string; open: number; opened: number; closed: number }>;
  };
  entries: { added: EntryView[]; changed: EntryChange[]; overdue: EntryView[]; current: number };
  incidents: { traced: TracedIncidents[]; untraced: Array<{ service: string; subject: string; date?: string; summary: string }> };
  redTests: RedTests[];
  investments: Investment[];
  actions: ActionItem[];
}
