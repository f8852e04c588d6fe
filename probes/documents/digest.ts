import { createHash } from "node:crypto";

/**
 * A short content digest for text that is no secret and cannot hold one (a Helm release's
 * revision and date): what lets two sides say "same" or "changed". Anything that may carry a
 * secret (a secret value, an identity-less list item, a noisy field such as a Secret's
 * last-applied-configuration) is hashed with the audit's keyed hasher instead, never with this.
 */
export function contentDigest(raw: string): string {
  return createHash("sha256").update(raw, "utf8").digest("hex").slice(0, 16);
}
