import type { Fleet } from "./model.js";
import { renderFleetHtml } from "./render-html.js";
import { renderFleetMarkdown } from "./render-markdown.js";
import { renderFleetTerminal } from "./render-terminal.js";

export const FLEET_FORMATS = ["terminal", "markdown", "html", "json"] as const;
export type FleetFormat = (typeof FLEET_FORMATS)[number];

export function renderFleet(format: FleetFormat, fleet: Fleet, options: { color: boolean }): string {
  switch (format) {
    case "terminal":
      return renderFleetTerminal(fleet, options);
    case "markdown":
      return renderFleetMarkdown(fleet);
    case "html":
      return renderFleetHtml(fleet);
    case "json":
      return `${JSON.stringify(fleet, null, 2)}\n`;
  }
}
