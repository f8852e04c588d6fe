import type { StartDemoPart } from "./part.js";

/** Every embedded piece the demo starts, in start order. */
export const demoParts: Array<{ name: string; start: () => Promise<StartDemoPart> }> = [
  { name: "config", start: async () => (await import("./config-sources.js")).startDemoConfig },
];
