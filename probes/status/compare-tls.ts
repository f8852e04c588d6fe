import type { Observation, Severity } from "../../src/types.js";
import type { StatusSnapshot } from "./types.js";

const DAY = 86_400_000;
const sec = { dimension: "security" as const };

function daysLeft(validTo: string | null, now: Date): number | null {
  return validTo ? Math.floor((Date.parse(validTo) - now.getTime()) / DAY) : null;
}

/** TLS parity: plain vs TLS, protocol version, verification, expiry and issuer. */
export function compareTls(staging: StatusSnapshot, production: StatusSnapshot, now: Date): Observation[] {
  const out: Observation[] = [];
  for (const [side, snap] of [["staging", staging], ["production", production]] as const) {
    if (snap.insecure && snap.scheme === "https") {
      out.push({
        ...sec,
        subject: "TLS verification",
        aspect: "tls",
        severity: "low",
        kind: "measurement",
        message: `${side}'s certificate was not verified (http.insecure: true on that environment)${snap.tls && !snap.tls.authorized ? `; it would fail verification: ${snap.tls.authorizationError}` : ""}`,
        staging: staging.tls?.authorized ?? null,
        production: production.tls?.authorized ?? null,
      });
    }
  }
  if (staging.scheme !== production.scheme) {
    const plain = staging.scheme === "http" ? "staging" : "production";
    out.push({
      ...sec,
      subject: "TLS",
      aspect: "tls",
      severity: plain === "production" ? "high" : "medium",
      message: `${plain} serves plain HTTP while ${plain === "staging" ? "production" : "staging"} uses TLS`,
      staging: staging.scheme,
      production: production.scheme,
    });
    return out;
  }
  const s = staging.tls;
  const p = production.tls;
  if (!s || !p) return out;

  if (s.protocol !== p.protocol) {
    const old = (v: string | null): boolean => !v || /TLSv1(\.[01])?$|SSL/.test(v);
    out.push({
      ...sec,
      subject: "TLS protocol",
      aspect: "tls",
      severity: old(p.protocol) ? "high" : old(s.protocol) ? "medium" : "low",
      message: `staging negotiates ${s.protocol}, production ${p.protocol}`,
      staging: s.protocol,
      production: p.protocol,
    });
  }
  if (s.authorized !== p.authorized) {
    const bad = s.authorized ? "production" : "staging";
    out.push({
      ...sec,
      subject: "TLS certificate validity",
      aspect: "tls",
      severity: bad === "production" ? "high" : "medium",
      message: `${bad}'s certificate does not verify (${(bad === "staging" ? s : p).authorizationError}) while the other side's does`,
      staging: s.authorizationError ?? "valid",
      production: p.authorizationError ?? "valid",
    });
  }
  const sDays = daysLeft(s.validTo, now);
  const pDays = daysLeft(p.validTo, now);
  const soon = (d: number | null): boolean => d !== null && d < 30;
  if (soon(sDays) || soon(pDays)) {
    const severity: Severity = pDays !== null && pDays < 14 ? "high" : soon(pDays) ? "medium" : "low";
    const part = (name: string, d: number | null, to: string | null): string =>
      d === null ? `${name}: unknown` : d < 0 ? `${name} expired ${-d} days ago (${to})` : `${name} expires in ${d} days (${to})`;
    out.push({
      ...sec,
      subject: "TLS certificate expiry",
      aspect: "tls",
      severity,
      message: `certificate expiry: ${part("staging", sDays, s.validTo)}, ${part("production", pDays, p.validTo)}`,
      staging: sDays,
      production: pDays,
    });
  }
  if (s.issuer !== p.issuer) {
    out.push({
      ...sec,
      subject: "TLS certificate issuer",
      aspect: "tls",
      severity: "low",
      message: `certificates come from different issuers: staging "${s.issuer}", production "${p.issuer}" (pinning and chain problems show only in production)`,
      staging: s.issuer,
      production: p.issuer,
    });
  }
  return out;
}
