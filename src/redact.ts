/**
 * Secrets never leave: every value that could be a secret is registered here and scrubbed
 * from every string that reaches a report, an error message or a snapshot file.
 */

export const REDACTED = "«redacted»";

/** Default globs (case-insensitive) for configuration keys whose values are secret. */
export const DEFAULT_SECRET_PATTERNS = ["*SECRET*", "*PASSWORD*", "*PASSWD*", "*TOKEN*", "*KEY*", "*CREDENTIAL*", "*PRIVATE*"];

/** A URL with its password (and any userinfo token) replaced, safe to print. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "redacted";
    for (const key of [...url.searchParams.keys()]) {
      if (/pass|token|secret|key|sig/i.test(key)) url.searchParams.set(key, "redacted");
    }
    // "user:pw@host/db" (a URL missing its "scheme://") parses with "user:" as the scheme and
    // the password inside an opaque path: hide a userinfo-looking part there too.
    if (!url.password && !url.host) return raw.replace(OPAQUE_USERINFO, `$1:${REDACTED}@`);
    return url.toString().replace(/:redacted@/, `:${REDACTED}@`);
  } catch {
    // Not a URL we can parse: hide everything after the scheme's userinfo, to be safe.
    return raw.replace(/\/\/[^@/]*@/, `//${REDACTED}@`);
  }
}

/** "name:secret@" at the start of a scheme-less URL, or after its "//". */
const OPAQUE_USERINFO = /^([^:/@\s]*):[^@/\s]*@/;

/** The secret parts of a URL: its password and secret-looking query values. */
export function urlSecrets(raw: string): string[] {
  try {
    const url = new URL(raw);
    const out: string[] = [];
    if (url.password) out.push(decodeURIComponent(url.password), url.password);
    for (const [key, value] of url.searchParams) if (/pass|token|secret|key|sig/i.test(key) && value) out.push(value);
    const opaque = !url.password && !url.host ? /^[^:/@\s]*:([^@/\s]*)@/.exec(raw)?.[1] : undefined;
    if (opaque) out.push(opaque);
    return out;
  } catch {
    const m = /\/\/[^:/@]*:([^@/]*)@/.exec(raw);
    return m?.[1] ? [m[1]] : [];
  }
}

/** Collects secret strings and scrubs them from text and from JSON-like values. */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(...values: Array<string | undefined | null>): this {
    // Very short strings would scrub ordinary words and digits; nothing that short is a real secret.
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
    return this;
  }

  /** Header values are secrets as a whole; the part after "Bearer "/"Basic " too. */
  addHeaderValues(headers: Record<string, string> | undefined): this {
    for (const value of Object.values(headers ?? {})) {
      this.add(value);
      const token = /^\s*\w+\s+(.+)$/.exec(value)?.[1];
      this.add(token);
    }
    return this;
  }

  get size(): number {
    return this.secrets.size;
  }

  scrub(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  scrubValue<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    return JSON.parse(this.scrub(JSON.stringify(value))) as T;
  }
}
