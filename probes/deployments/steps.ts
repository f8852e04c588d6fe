import type { Observation } from "../../src/types.js";
import type { Deployment, DeploymentsSnapshot } from "./types.js";

interface StepUse {
  /** Deploys in the window that ran the step. */
  count: number;
  declared: boolean;
}

/**
 * Steps one environment's deploys run and the other's never do: a set difference over the
 * recorded steps (in the window) plus the pipeline declared in the map. Production-only steps
 * (change approval, canary, rollback checks) are medium: the release path is untested before
 * the release. Staging-only steps are low.
 */
export function compareSteps(staging: DeploymentsSnapshot, production: DeploymentsSnapshot, s: Deployment[], p: Deployment[], window: string): Observation[] {
  const sSteps = stepUse(s, staging.declaredSteps);
  const pSteps = stepUse(p, production.declaredSteps);
  if (sSteps.size === 0 || pSteps.size === 0) {
    const unknown = sSteps.size === 0 && pSteps.size === 0 ? "either environment's" : sSteps.size === 0 ? "staging's" : "production's";
    const which = sSteps.size === 0 && pSteps.size === 0 ? "<environment>" : sSteps.size === 0 ? staging.environment : production.environment;
    return [
      {
        subject: "pipeline",
        aspect: "steps",
        severity: "low",
        kind: "inconclusive",
        message: `${unknown} deploy steps are unknown (no steps recorded ${window} and no pipelines.${which} in the map), so steps cannot be compared`,
        staging: [...sSteps.keys()],
        production: [...pSteps.keys()],
      },
    ];
  }
  const out: Observation[] = [];
  for (const [step, use] of [...pSteps].sort(([a], [b]) => a.localeCompare(b))) {
    if (sSteps.has(step)) continue;
    out.push({
      subject: step,
      aspect: "steps",
      severity: "medium",
      message: `production runs step "${step}" that staging never exercises (${where(use, p.length, "production", window, production.environment)})`,
      staging: 0,
      production: use.count,
    });
  }
  for (const [step, use] of [...sSteps].sort(([a], [b]) => a.localeCompare(b))) {
    if (pSteps.has(step)) continue;
    out.push({
      subject: step,
      aspect: "steps",
      severity: "low",
      message: `staging runs step "${step}" that production never runs (${where(use, s.length, "staging", window, staging.environment)})`,
      staging: use.count,
      production: 0,
    });
  }
  return out;
}

function stepUse(deployments: Deployment[], declared: string[] | null): Map<string, StepUse> {
  const use = new Map<string, StepUse>();
  for (const step of declared ?? []) use.set(step, { count: 0, declared: true });
  for (const d of deployments) {
    for (const step of new Set(d.steps)) {
      const u = use.get(step) ?? { count: 0, declared: false };
      u.count++;
      use.set(step, u);
    }
  }
  return use;
}

function where(use: StepUse, total: number, side: string, window: string, environment: string): string {
  if (use.count > 0) return `in ${use.count} of ${total} ${side} deploys ${window}`;
  return `declared in pipelines.${environment}`;
}
