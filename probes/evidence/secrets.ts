import type { Environment } from "../../src/map/schema.js";
import { REDACTED, Redactor, urlSecrets } from "../../src/redact.js";

// Credentials in a connection string or URL ("postgres://app:hunter2@db/…"), wherever they occur
// in free text such as a test's failure message or an incident summary.
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+):[^\s@/]+@/gi;

/**
 * A scrubber for free text that evidence files carry into observations: the environment's own
 * secrets (DSN password, header values) and any password embedded in a URL.
 */
export function evidenceScrubber(env: Environment | undefined): (text: string) => string {
  const redactor = new Redactor();
  if (env?.database?.url) redactor.add(...urlSecrets(env.database.url));
  redactor.addHeaderValues(env?.http?.headers);
  redactor.addHeaderValues(env?.config?.headers);
  if (env?.config?.url) redactor.add(...urlSecrets(env.config.url));
  return (text) => redactor.scrub(text).replace(URL_USERINFO, `$1:${REDACTED}@`);
}
