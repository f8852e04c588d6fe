import type { Closable } from "../probe.js";

/** Shared per-environment resources (HTTP pools …), created on first use, closed at the end. */
export class SharedResources {
  private readonly items = new Map<string, Closable>();
  /** The resources of one environment's target ("" for its unnamed one): two services get two pools. */
  forEnvironment(env: string, target = "") {
    return <T extends Closable>(key: string, create: () => T): T => {
      const id = `${env}\u0000${target}\u0000${key}`;
      if (!this.items.has(id)) this.items.set(id, create());
      return this.items.get(id) as T;
    };
  }
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.items.values()].map(async (item) => item.close?.()));
  }
}
