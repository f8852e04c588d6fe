import type { Observation } from "../../src/types.js";
import type { SessionRole } from "./session.js";

/**
 * A security measurement when a probe's session runs as a superuser. Parity stays read-only
 * either way (one read-only transaction, a parsed `where:`), but a superuser's session is not
 * bounded by its privileges: anything that slipped through could do what the role can. The
 * audit says so instead of failing, so the team can give parity a read-only role.
 */
export function superuserObservations(staging: SessionRole | undefined, production: SessionRole | undefined): Observation[] {
  const sides = ([["staging", staging], ["production", production]] as const).filter(([, role]) => role?.superuser);
  if (sides.length === 0) return [];
  const who = sides.map(([side, role]) => `the ${side} session runs as superuser ${role!.user}`).join(", and ");
  return [
    {
      subject: "database session",
      aspect: "superuser",
      severity: "medium",
      dimension: "security",
      kind: "measurement",
      message: `${who.charAt(0).toUpperCase()}${who.slice(1)}: use a read-only role (the audit still ran read-only)`,
      staging: staging ? describe(staging) : null,
      production: production ? describe(production) : null,
    },
  ];
}

const describe = (role: SessionRole): string => (role.superuser ? `${role.user} (superuser)` : role.user);
