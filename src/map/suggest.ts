import { stringify } from "yaml";
import type { Redactor } from "../redact.js";
import { addSecretsFound } from "../secret-scan.js";
import type { Finding, Severity } from "../types.js";

export interface SuggestedEntry {
  id: string;
  summary: string;
  dimension: Finding["dimension"];
  impact: Severity;
  status: "open" | "accepted";
  mitigation?: string;
  reviewBy: string;
  match: { probe: string; subject: string; aspect: string };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}

/** Glob characters in a subject are escaped so the entry matches exactly this subject. */
function exactGlob(subject: string): string {
  return subject.replace(/[*?[\]{}()!+@]/g, (c) => `\\${c}`);
}

/**
 * A ready map entry for each gap: the id from probe and subject, the impact guessed from the
 * observation's severity, status open, a review in 90 days, and the match that explains it.
 * The owner is left for a person: only a person can promise to keep an entry true.
 */
export function suggestEntries(findings: Finding[], existingIds: Iterable<string>, today: Date, options: { baseline?: boolean } = {}): SuggestedEntry[] {
  const taken = new Set(existingIds);
  const seen = new Set<string>();
  const review = new Date(today.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  const out: SuggestedEntry[] = [];
  for (const f of findings) {
    const key = `${f.probe}\u0000${f.subject}\u0000${f.aspect}`;
    if (seen.has(key)) continue; // the same gap on several pairs needs one entry
    seen.add(key);
    let id = slug(`${f.probe}-${f.subject}-${f.aspect === "value" ? "" : f.aspect}`) || "difference";
    for (let n = 2; taken.has(id); n++) id = `${id.replace(/-\d+$/, "")}-${n}`;
    taken.add(id);
    out.push({
      id,
      summary: f.message.replace(/\s+/g, " ").trim(),
      dimension: f.dimension,
      impact: f.severity,
      status: options.baseline ? "accepted" : "open",
      ...(options.baseline ? { mitigation: `Baseline: already there when parity was adopted (${today.toISOString().slice(0, 10)}); review it` } : {}),
      reviewBy: review,
      match: { probe: f.probe, subject: exactGlob(f.subject), aspect: f.aspect },
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
