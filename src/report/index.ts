import type { Audit } from "../types.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import type { ReportOptions } from "./options.js";
import { renderPrComment } from "./pr-comment.js";
import { renderSarif } from "./sarif.js";
import { renderTerminal } from "./terminal.js";

export type { ReportOptions } from "./options.js";
export { renderChecklist } from "./checklist.js";
export { annotations, stepSummary, SUMMARY_BUDGET, ANNOTATIONS_PER_LEVEL } from "./github.js";
export { renderHtml, renderJson, renderJunit, renderMarkdown, renderPrComment, renderSarif, renderTerminal };

export const REPORT_FORMATS = ["terminal", "markdown", "json", "junit", "html", "sarif", "pr-comment"] as const;
/** A value of `parity audit --format`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Record<ReportFormat, (audit: Audit, options: ReportOptions) => string> = {
  terminal: renderTerminal,
  markdown: renderMarkdown,
  json: renderJson,
  junit: renderJunit,
  html: renderHtml,
  sarif: renderSarif,
  "pr-comment": renderPrComment,
};

/** `--out FILE`: the format follows the file's extension. */
export const FORMAT_BY_EXTENSION: Record<string, ReportFormat> = { ".json": "json", ".md": "markdown", ".html": "html", ".xml": "junit", ".txt": "terminal", ".sarif": "sarif" };

/** Formats written to a file of another format's extension: a pull-request comment is a `.md` file too. */
export const SAME_FILE_TYPE: Partial<Record<ReportFormat, ReportFormat>> = { "pr-comment": "markdown" };

/** The format a file's extension names, if it names one. */
export function formatOfFile(file: string): ReportFormat | undefined {
  const dot = file.lastIndexOf(".");
  return dot > file.lastIndexOf("/") ? FORMAT_BY_EXTENSION[file.slice(dot).toLowerCase()] : undefined;
}

/** Renders an audit in one format. Pure: the caller writes the string where it belongs. */
export function renderReport(format: ReportFormat, audit: Audit, options: ReportOptions): string {
  return RENDERERS[format](audit, options);
}
