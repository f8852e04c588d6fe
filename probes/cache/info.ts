/** INFO's reply, read: `key:value` fields (keys are unique across sections) and the module lines. */
export interface Info {
  fields: Record<string, string>;
  /** Loaded modules: name → version (`module:name=search,ver=20811,…`, one line each). */
  modules: Record<string, string>;
}

export function parseInfo(text: string): Info {
  const fields: Record<string, string> = {};
  const modules: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1);
    // Every loaded module has a line with the same key, so these cannot go into `fields`.
    if (key === "module") {
      const parts = new Map(value.split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)] as const));
      const name = parts.get("name");
      if (name) modules[name] = parts.get("ver") ?? "";
    } else {
      fields[key] = value;
    }
  }
  return { fields, modules };
}
