import type { StartDemoPart } from "./part.js";

/** Every embedded piece the demo starts (in parallel); each is imported only when the demo runs. */
export const demoParts: Array<{ name: string; start: () => Promise<StartDemoPart> }> = [
  { name: "config", start: async () => (await import("./config-sources.js")).startDemoConfig },
  { name: "databases", start: async () => (await import("./database.js")).startDemoDatabases },
  { name: "http services", start: async () => (await import("./http-services.js")).startDemoHttp },
  { name: "evidence files", start: async () => (await import("./evidence.js")).startDemoEvidence },
  { name: "caches", start: async () => (await import("./cache-servers.js")).startDemoCaches },
  { name: "flag files", start: async () => (await import("./flag-files.js")).startDemoFlags },
  { name: "infrastructure documents", start: async () => (await import("./infra-documents.js")).startDemoInfra },
];
