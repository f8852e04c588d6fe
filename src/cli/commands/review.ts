import { UsageError } from "../../errors.js";
import { loadAudits } from "../../fleet/inputs.js";
import { historyLocation } from "../../history/location.js";
import { parseSince } from "../../history/since.js";
import { buildReview } from "../../review/build.js";
import { renderReviewHtml } from "../../review/render-html.js";
import { renderReviewMarkdown } from "../../review/render-markdown.js";
import { emit } from "../output.js";
import { reportSkipped } from "./history.js";

export interface ReviewOptions {
  history?: string;
  since: string;
  service?: string;
  format?: string;
  out?: string;
}

const FORMATS = ["markdown", "html", "json"] as const;

/**
 * `parity review [--history DIR|URL] [--since 90d]`: the quarterly parity review from saved
 * audits — ratings over time, gaps opened and closed, map entries, incidents and red tests by
 * entry, and where investment pays off, ending in action items with owners. Reads history only.
 */
export async function reviewCommand(inputs: string[], options: ReviewOptions): Promise<number> {
  const byName = options.out?.toLowerCase().endsWith(".html") ? "html" : options.out?.toLowerCase().endsWith(".json") ? "json" : options.out?.toLowerCase().endsWith(".md") ? "markdown" : undefined;
  if (options.format !== undefined && !(FORMATS as readonly string[]).includes(options.format)) throw new UsageError(`parity review: unknown format "${options.format}" (formats: ${FORMATS.join(", ")})`);
  if (options.format && byName && options.format !== byName) throw new UsageError(`--out ${options.out} is ${byName} by its extension, but --format says ${options.format}; drop --format or rename the file`);
  const format = options.format ?? byName ?? "markdown";
  const now = new Date();
  const since = parseSince(options.since, now);
  const history = inputs.length && options.history === undefined ? undefined : historyLocation(options.history, process.cwd());
  const listing = await loadAudits(inputs, history, { since });
  reportSkipped(listing.skipped);
  const audits = listing.audits.map((a) => a.audit).filter((a) => options.service === undefined || a.service === options.service);
  if (!audits.length) throw new UsageError(`no saved audits${options.service ? ` of ${options.service}` : ""} since ${since.toISOString().slice(0, 10)} in ${inputs.length ? inputs.join(", ") : (options.history ?? "$PARITY_HISTORY or .parity/history")}: run \`parity audit\` (it saves each audit), or widen --since`);
  const review = buildReview(audits, since, now);
  const text = format === "html" ? renderReviewHtml(review) : format === "json" ? `${JSON.stringify(review, null, 2)}\n` : renderReviewMarkdown(review);
  await emit(text, options.out);
  return 0;
}
