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
    if (url.password) out.push(safeDecode(url.password), url.password);
    for (const [key, value] of url.searchParams) if (/pass|token|secret|key|sig/i.test(key) && value) out.push(value);
    const opaque = !url.password && !url.host ? /^[^:/@\s]*:([^@/\s]*)@/.exec(raw)?.[1] : undefined;
    if (opaque) out.push(opaque);
    return out;
  } catch {
    const m = /\/\/[^:/@]*:([^@/]*)@/.exec(raw);
    return m?.[1] ? [m[1]] : [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Base64 text that shows `secret` whatever the bytes around it, for each of the three alignments. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const text = padded.toString("base64").replace(/=+$/, "");
    // Drop the group that holds the padding bytes in front and the group that depends on what
    // follows the secret; what remains is the same in any base64 text that contains the secret.
    const start = shift ? 4 : 0;
    const end = padded.length % 3 === 0 ? text.length : text.length - (padded.length % 3) - 1;
    const core = text.slice(start, end);
    if (core.length >= 8) out.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

/** How a registered secret may come back: as typed, URL-encoded or JSON-escaped (any case is matched). */
export function encodedForms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, "+"), JSON.stringify(secret).slice(1, -1)])];
}



const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/** Collects secret strings and scrubs them from text and from JSON-like values. */
export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly kept = new Set<string>();
  private pattern: RegExp | null = null;
  /** Lower-cased base64 cores: a match of one takes the partial base64 groups around it along. */
  private cores = new Set<string>();

  add(...values: Array<string | undefined | null>): this {
    // Very short strings would scrub ordinary words and digits; nothing that short is a real secret.
    for (const value of values) {
      if (!value || value.length < 4 || this.kept.has(value) || this.secrets.has(value)) continue;
      this.secrets.add(value);
      this.pattern = null;
    }
    return this;
  }

  /** Names that must never be scrubbed (the map's environments, probes, service), even if registered. */
  keep(...names: string[]): this {
    for (const name of names) {
      this.kept.add(name);
      if (this.secrets.delete(name)) this.pattern = null;
    }
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

  /**
   * One case-insensitive alternation of plain strings over every form of every secret, longest
   * first so a secret containing another is replaced whole: a target that echoes a token
   * lower-cased, URL-encoded or base64-encoded (inside a header or a JSON field) is caught too.
   */
  private regex(): RegExp | null {
    if (this.pattern || this.secrets.size === 0) return this.pattern;
    const forms = new Set<string>();
    this.cores = new Set();
    for (const secret of this.secrets) {
      for (const form of encodedForms(secret)) if (form.length >= 4) forms.add(form);
      if (secret.length >= 6) {
        for (const core of base64Forms(secret)) {
          forms.add(core);
          this.cores.add(core.toLowerCase());
        }
      }
    }
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(sorted.map(escapeRegExp).join("|"), "gi");
    return this.pattern;
  }

  scrub(text: string): string {
    const pattern = this.regex();
    if (!pattern) return text;
    pattern.lastIndex = 0;
    if (!this.cores.size) return text.replace(pattern, REDACTED);
    // By hand rather than replace(): a base64 core also takes the up to 3 base64 characters on
    // each side (the partial groups, which carry a byte or two of the secret) and its padding.
    let out = "";
    let last = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      let start = m.index;
      let end = start + m[0].length;
      if (this.cores.has(m[0].toLowerCase())) {
        for (let n = 0; n < 3 && start > last && BASE64_CHAR.test(text[start - 1]!); n++) start--;
        for (let n = 0; n < 3 && end < text.length && BASE64_CHAR.test(text[end]!); n++) end++;
        while (end < text.length && text[end] === "=") end++;
      }
      out += text.slice(last, start) + REDACTED;
      last = end;
      pattern.lastIndex = end;
    }
    return out + text.slice(last);
  }

  /** Every string in a JSON-like value, keys included, scrubbed one by one (never the JSON text, whose escapes a secret could cut). */
  scrubValue<T>(value: T): T {
    if (this.secrets.size === 0) return value;
    // Copy on write: a subtree with nothing to hide is returned as it is, the usual case (copying
    // a large audit cost more than writing it: 150,000 test results through the tests probe).
    const walk = (v: unknown): unknown => {
      if (typeof v === "string") return this.scrub(v);
      if (Array.isArray(v)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const child = walk(v[i]);
          if (child !== v[i]) (out ??= v.slice())[i] = child;
        }
        return out ?? v;
      }
      if (v !== null && typeof v === "object") {
        // What JSON.stringify would write for it (a Date's ISO text), as the JSON-only contract expects.
        if (typeof (v as { toJSON?: unknown }).toJSON === "function") return walk((v as { toJSON(): unknown }).toJSON());
        let out: Record<string, unknown> | undefined;
        for (const [k, child] of Object.entries(v)) {
          const key = this.scrub(k);
          const value = child === undefined ? undefined : walk(child);
          if (key !== k || value !== child) {
            out ??= { ...(v as Record<string, unknown>) };
            if (key !== k) delete out[k];
            out[key] = value;
          }
        }
        return out ?? v;
      }
      return v;
    };
    return walk(value) as T;
  }
}
