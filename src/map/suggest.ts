import { stringify } from "yaml";
import type { Redactor } from "../redact.js";
import { addSecretsFound } from "../secret-scan.js";
import type { Audit, Dimension, GapFinding, Severity } from "../types.js";

export interface SuggestedEntry {
  id: string;
  summary: string;
  dimension: Dimension;
  impact: Severity;
  status: "open" | "accepted";
  mitigation?: string;
  reviewBy: string;
  match: { probe: string; subject: string; aspect: string };
  /** Only when the difference was not seen in every pair its probe ran on. */
  pairs?: string[];
}

const MAX_ID = 60;

/** A readable id from words, cut at a word boundary (never mid-word) when long. */
export function slug(text: string): string {
  const full = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length <= MAX_ID) return full;
  const cut = full.slice(0, MAX_ID + 1);
  const boundary = cut.lastIndexOf("-");
  return (boundary > 0 ? cut.slice(0, boundary) : full.slice(0, MAX_ID)).replace(/-+$/, "");
}

/** Glob characters in a subject are escaped so the entry matches exactly this subject. */
function exactGlob(subject: string): string {
  return subject.replace(/[*?[\]{}()!+@]/g, (c) => `\\${c}`);
}

/**
 * A ready map entry for each undeclared gap of an audit: the id from probe and subject, the
 * impact from the probe's judgement, status open (accepted for a baseline), a review in 90
 * days, the match that explains it, and `pairs:` when it was seen in only some of the pairs its
 * probe ran on (a gap of one region is not a gap of every region). The owner is left for a
 * person: only a person can promise to keep an entry true.
 */
export function suggestEntries(audit: Audit, existingIds: Iterable<string>, today: Date, options: { baseline?: boolean } = {}): SuggestedEntry[] {
  const taken = new Set(existingIds);
  const review = new Date(today.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  const ranOn = (probe: string) => audit.pairs.filter((p) => p.probes.some((r) => r.id === probe && r.status === "ok")).map((p) => p.name);
  const groups = new Map<string, { finding: GapFinding; pairs: string[] }>();
  for (const pair of audit.pairs) {
    for (const f of pair.findings) {
      if (f.kind !== "gap" || f.declared) continue;
      const key = `${f.probe}\u0000${f.subject}\u0000${f.aspect}`;
      const seen = groups.get(key);
      if (seen) seen.pairs.push(pair.name);
      else groups.set(key, { finding: f, pairs: [pair.name] });
    }
  }
  const out: SuggestedEntry[] = [];
  for (const { finding: f, pairs } of groups.values()) {
    let id = slug(`${f.probe}-${f.subject}-${f.aspect === "value" ? "" : f.aspect}`) || "difference";
    for (let n = 2; taken.has(id); n++) id = `${id.replace(/-\d+$/, "")}-${n}`;
    taken.add(id);
    const everywhere = ranOn(f.probe).every((p) => pairs.includes(p));
    out.push({
      id,
      summary: f.message.replace(/\s+/g, " ").trim(),
      dimension: f.dimension,
      impact: f.severity,
      status: options.baseline ? "accepted" : "open",
      ...(options.baseline ? { mitigation: `Baseline: already there when parity was adopted (${today.toISOString().slice(0, 10)}); review it` } : {}),
      reviewBy: review,
      match: { probe: f.probe, subject: exactGlob(f.subject), aspect: f.aspect },
      ...(everywhere ? {} : { pairs }),
    });
  }
  return out;
}

/**
 * The entries with every secret scrubbed: the map is committed and reviewed, so nothing secret
 * may reach it, not even from an audit file saved by an older parity (`--from`). `redactor`
 * knows the map's own secrets; secret-looking strings are found by their look.
 */
export async function withoutSecrets(entries: SuggestedEntry[], redactor: Redactor): Promise<SuggestedEntry[]> {
  await addSecretsFound(redactor, entries);
  return redactor.scrubValue(entries);
}

/** The entries as YAML list items at `indent`, each with a reminder to name an owner. */
export function entriesYaml(entries: SuggestedEntry[], indent: string): string {
  return entries
    .map((entry) => {
      const body = stringify([entry], { lineWidth: 0, flowCollectionPadding: true }).trimEnd().split("\n");
      const withOwner = [...body, `  # owner: who keeps this entry true? mitigation: what reduces the risk?`];
      return withOwner.map((line) => `${indent}${line}`).join("\n");
    })
    .join("\n");
}
