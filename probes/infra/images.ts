/**
 * "Production runs a digest staging never ran": an image reference is `repo[:tag][@sha256:…]`.
 * With a digest, the digest is the artifact (a retagged image is the same one); without, the
 * whole reference is. Returns how to name the artifact when no staging image runs it.
 */
export function imageRunsNowhere(production: unknown, stagingImages: ReadonlySet<string>): string | undefined {
  if (typeof production !== "string") return undefined;
  const digest = digestOf(production);
  if (digest) {
    for (const image of stagingImages) if (digestOf(image) === digest) return undefined;
    return `digest ${digest.slice(0, 19)}…`;
  }
  return stagingImages.has(production) ? undefined : `image ${production}`;
}

export function digestOf(image: string): string | undefined {
  return /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1];
}
