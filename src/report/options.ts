/** What every reporter accepts. The CLI decides colour from NO_COLOR and whether stdout is a TTY. */
export interface ReportOptions {
  /** Emit ANSI colour (terminal only; other formats ignore it). */
  color: boolean;
  /** Terminal width to wrap prose at; reports stay readable at 100 columns. */
  width?: number;
}

export const DEFAULT_WIDTH = 100;
