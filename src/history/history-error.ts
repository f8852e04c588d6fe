import { UsageError } from "../errors.js";
import { Redactor, redactUrl, urlSecrets } from "../redact.js";

/**
 * The history store could not be used. A UsageError: the user fixes the URL, the password or
 * the server, and the message never carries the password (the URL is shown redacted, and the
 * password is scrubbed from whatever the driver said).
 */
export class HistoryError extends UsageError {
  constructor(url: string, what: string, cause: unknown) {
    const redactor = new Redactor().add(...urlSecrets(url));
    const reason = redactor.scrub(driverReason(cause)).split(url).join(redactUrl(url));
    super(`history store ${redactUrl(url)}: ${what}: ${reason}`);
    this.name = "HistoryError";
  }
}

function driverReason(error: unknown): string {
  const e = error as { message?: string; code?: string };
  const message = e?.message || String(error);
  // pg's own codes (28P01 bad password, 3D000 no such database) read better as words, which the message already has.
  return e?.code && /^[A-Z]+$/.test(e.code) && !message.includes(e.code) ? `${message} (${e.code})` : message;
}
