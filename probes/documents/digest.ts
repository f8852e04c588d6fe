import { createHash } from "node:crypto";

/**
 * A short content digest for identities and noise (an identity-less list item, a noisy field's
 * value): what lets two sides say "same" or "changed" about text that is no secret. Secret values
 * are hashed with the audit's keyed hasher instead (`secretMark`), never with this.
 */
export function contentDigest(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex").slice(0, 16);
}
