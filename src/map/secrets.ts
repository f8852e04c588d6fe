import { Redactor, urlSecrets } from "../redact.js";
import type { ParityMap } from "./schema.js";

/** Every secret the map itself carries: DSN passwords and header values, per environment. */
export function redactorFor(map: ParityMap): Redactor {
  const redactor = new Redactor();
  for (const env of Object.values(map.environments)) {
    if (env.database?.url) redactor.add(...urlSecrets(env.database.url));
    if (env.http?.baseUrl) redactor.add(...urlSecrets(env.http.baseUrl));
    if (env.config?.url) redactor.add(...urlSecrets(env.config.url));
    redactor.addHeaderValues(env.http?.headers);
    redactor.addHeaderValues(env.config?.headers);
  }
  return redactor;
}
