import { appendFile } from "node:fs/promises";
import path from "node:path";
import type { MapProblem } from "../errors.js";
import { annotations, stepSummary } from "../report/index.js";
import type { Audit } from "../types.js";

export const inGitHubActions = () => process.env.GITHUB_ACTIONS === "true";

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code && e.path ? `${e.code} on ${e.path}` : e.message;
}

/** In GitHub Actions: the markdown report in the step summary and annotations on the map's lines. */
export async function reportToGitHub(audit: Audit | undefined, mapFile: string, problems: MapProblem[] = [], out: NodeJS.WriteStream = process.stdout): Promise<void> {
  const file = path.relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), mapFile).split(path.sep).join("/");
  for (const line of annotations(audit, { mapFile: file, problems })) out.write(`${line}\n`);
  if (audit && process.env.GITHUB_STEP_SUMMARY) {
    try {
      await appendFile(process.env.GITHUB_STEP_SUMMARY, stepSummary(audit));
    } catch (error) {
      // The summary is an extra: the report and the exit code still stand without it.
      out.write(`::warning title=parity::cannot write the step summary to ${process.env.GITHUB_STEP_SUMMARY}: ${reason(error)}\n`);
    }
  }
}
