import type { SecretLintCoreConfig, SecretLintRuleCreator } from "@secretlint/types";
import { urlSecrets, type Redactor } from "./redact.js";

/**
 * Finds secrets by what they look like, whatever key or field carries them: secretlint's
 * recommended rules (AWS, GCP, private keys, npm, Slack, GitHub, SendGrid, Shopify, OpenAI,
 * Anthropic, Linear, 1Password, basic auth and database URLs with passwords …), two patterns
 * the preset lacks (JWTs, Stripe keys), and an entropy test for random-looking tokens. Returns
 * the secret strings themselves, for the redactor to scrub.
 */
export async function findSecrets(texts: Iterable<string>): Promise<string[]> {
  const unique = [...new Set([...texts].filter((t) => t.length >= MIN_LENGTH))];
  if (!unique.length) return [];
  const found = new Set<string>();
  const verdicts = new Map<string, boolean>();
  for (const text of unique) for (const token of highEntropyTokens(text, verdicts)) found.add(token);
  // One lint per batch: secretlint's set-up costs about as much as scanning 100 KB of text.
  for (let i = 0; i < unique.length; i += BATCH) {
    for (const secret of await lint(unique.slice(i, i + BATCH))) {
      // A URL with a password (a DSN, basic auth) is secret only in its password: the host and
      // database stay readable, as redactUrl shows them.
      const passwords = secret.includes("://") ? urlSecrets(secret) : [];
      for (const part of passwords.length ? passwords : [secret]) found.add(part);
    }
  }
  return [...found];
}

/** Nothing shorter is a credential worth the false positives (a 4-digit PIN is caught by key name). */
const MIN_LENGTH = 16;
const BATCH = 5_000;

// Loaded on first use: `parity --help` must not load secretlint's rules.
let config: Promise<SecretLintCoreConfig> | undefined;

function secretlintConfig(): Promise<SecretLintCoreConfig> {
  config ??= import("@secretlint/secretlint-rule-preset-recommend").then(({ creator }) => ({
    rules: [
      {
        id: "@secretlint/secretlint-rule-preset-recommend",
        rule: creator,
        // AWS access key ids (AKIA…) are found only when asked for.
        rules: [{ id: "@secretlint/secretlint-rule-aws", options: { enableIDScanRule: true } }],
      },
      { id: "parity/extra-patterns", rule: extraPatterns },
    ],
  }));
  return config;
}

async function lint(texts: string[]): Promise<string[]> {
  const { lintSource } = await import("@secretlint/core");
  // A blank line between texts, so no pattern runs from one value into the next.
  const content = texts.join("\n\n");
  const result = await lintSource({
    source: { filePath: "/parity/values.txt", content, contentType: "text" },
    options: { config: await secretlintConfig(), noPhysicFilePath: true },
  });
  return result.messages.map((m) => content.slice(m.range[0], m.range[1]).trim()).filter((s) => s.length >= 8);
}

/** What the recommended preset does not cover and teams paste into config all the same. */
const EXTRA_PATTERNS: Array<[string, RegExp]> = [
  ["JSON Web Token", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g],
  ["Stripe key", /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}/g],
];

const extraPatterns: SecretLintRuleCreator = {
  messages: { FOUND: { en: (props?: { KIND?: string }) => `found a ${props?.KIND ?? "secret"}` } },
  meta: { id: "parity/extra-patterns", recommended: true, type: "scanner", supportedContentTypes: ["text"], docs: { url: "https://example.invalid/parity" } },
  create(context) {
    const t = context.createTranslator(extraPatterns.messages);
    return {
      file(source) {
        for (const [kind, pattern] of EXTRA_PATTERNS) {
          for (const match of source.content.matchAll(pattern)) {
            const index = match.index ?? 0;
            context.report({ message: t("FOUND", { KIND: kind }), range: [index, index + match[0].length] });
          }
        }
      },
    };
  },
};

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Random-looking tokens of 20+ base64 characters. Tuned on 3,000 random keys (base64, base62,
 * Stripe-shaped: 99.9% found) against identifiers people put in config and headers (paths,
 * CamelCase and CONSTANT_CASE names, versions, hosts, ARNs, commit SHAs, UUIDs, trace ids): a token
 * must mix cases or digits, carry at least 3.7 bits per character, be mostly not hex (SHAs and
 * UUIDs are ids, not credentials) and mostly not made of words.
 */
export function highEntropyTokens(text: string, verdicts = new Map<string, boolean>()): string[] {
  const out: string[] = [];
  // UUIDs go first, whole: their 4-digit groups are too short for the hex filter below, so
  // "nonce-1a2b-3c4d-5e6f…" would otherwise pass as a random token.
  for (const raw of text.replace(UUID, " ").match(/[A-Za-z0-9+/_-]{20,}={0,2}/g) ?? []) {
    // The same token recurs across an audit's texts (a test name in every finding about it, a
    // host in every URL): judged once. 150,000 test findings spent most of the scan re-judging.
    let secret = verdicts.get(raw);
    if (secret === undefined) verdicts.set(raw, (secret = looksRandom(raw)));
    if (secret) out.push(raw);
  }
  return out;
}

/** Whether one candidate token of highEntropyTokens looks like a credential. */
function looksRandom(raw: string): boolean {
  const token = raw
    .split("-")
    .filter((segment) => !/^[0-9a-f]{8,}$/i.test(segment))
    .join("-");
  if (token.length < 20) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(token)).length;
  if (classes < (token.includes("/") ? 3 : 2)) return false;
  if ((token.match(/[g-zG-Z]/g) ?? []).length / token.length < 0.15) return false;
  if (entropy(token) < 3.7) return false;
  const words = (token.match(/[A-Z]?[a-z]{3,}|(?<=^|[_\-/.])[A-Z]{2,}(?=$|[_\-/.0-9])|[0-9]{4,}/g) ?? []).join("").length;
  return words / token.length < 0.65;
}

/** Every string in a JSON-like value, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/**
 * The last line of defence before anything is written: every secret-looking string anywhere in
 * `value` (an audit, a snapshot file) is registered with the redactor, which then scrubs it
 * everywhere — a token in a test's failure message, a header a probe did not know to hide.
 */
export async function addSecretsFound(redactor: Redactor, value: unknown): Promise<void> {
  redactor.add(...(await findSecrets(strings(value))));
}
