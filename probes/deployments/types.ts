export const DEPLOY_RESULTS = ["success", "failure", "rolled_back"] as const;
/** How a deployment ended. */
export type DeployResult = (typeof DEPLOY_RESULTS)[number];

/** One deployment of one environment, as the history file records it. */
export interface Deployment {
  /** The line of the history file it came from. */
  line: number;
  /** ISO 8601 instants. */
  startedAt: string;
  finishedAt: string;
  result: DeployResult;
  steps: string[];
}

/** The deployments probe's snapshot of one environment. */
export interface DeploymentsSnapshot {
  environment: string;
  file: string;
  /** Every recorded deployment of this environment (the window is applied in compare, against the audit's clock). */
  deployments: Deployment[];
  /** The pipeline declared in the map for this environment, if any. */
  declaredSteps: string[] | null;
}

/** The deployments probe's options in the map. */
export interface DeploymentsOptions {
  history: string;
  windowDays: number;
  pipelines?: Record<string, string[]>;
}
