import picomatch from "picomatch";

const cache = new Map<string, (s: string) => boolean>();

/**
 * Map globs match subjects such as `PAYMENT_*`, `public.transactions.*` or `GET /v1/*`.
 * Subjects are not paths, so `*` must cross dots and slashes: every run of `*` becomes
 * picomatch's `**`, which (in bash mode) matches anything.
 */
export function globMatcher(pattern: string, options: { caseInsensitive?: boolean } = {}): (subject: string) => boolean {
  const key = `${options.caseInsensitive ? "i" : "s"}:${pattern}`;
  let fn = cache.get(key);
  if (!fn) {
    fn = picomatch(pattern.replace(/\*+/g, "**"), { dot: true, nocase: options.caseInsensitive, bash: true });
    cache.set(key, fn);
  }
  return fn;
}

export function matchesAny(patterns: readonly string[], subject: string, options: { caseInsensitive?: boolean } = {}): boolean {
  return patterns.some((p) => globMatcher(p, options)(subject));
}
