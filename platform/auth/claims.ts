/**
 * Who is calling, as the gateway verified it (DESIGN.md §4). Every check of the access policy
 * starts from these claims; nothing else about the caller is trusted.
 */
export const ROLES = [
  'psad-coordinator',
  'foquale-network',
  'en-referent',
  'ml-advisor',
  'e2c-staff',
  'cfa-staff',
  'agri-staff',
  'pjj-educator',
  'dashboard',
  'young',
  'dpo',
] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = ['REPERAGE_SIEI', 'SUIVI_OF', 'ACCOMPAGNEMENT', 'PILOTAGE_AGREGE'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface Caller {
  /** Subject: a staff member's id, or the hub id of a young person using the `young` role. */
  sub: string;
  role: Role;
  /** Organisation code of the caller (e.g. `PSAD-38-GRE`, a Mission locale's code, a school UAI). */
  org: string;
  /** Bassin codes the caller covers. */
  territories: string[];
  purpose: Purpose;
}

export class InvalidClaimsError extends Error {}

/** Checks the claims of a verified token; the message names the first claim that is wrong. */
export function callerFromClaims(payload: Record<string, unknown>): Caller {
  const { sub, role, org, territories, purpose } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200)
    throw new InvalidClaimsError('claim "sub" must be a non-empty string');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    throw new InvalidClaimsError(`claim "role" must be one of ${ROLES.join(', ')}`);
  if (typeof org !== 'string' || org.length === 0 || org.length > 100)
    throw new InvalidClaimsError('claim "org" must be a non-empty string');
  if (
    !Array.isArray(territories) ||
    territories.length > 100 ||
    !territories.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 20)
  ) {
    throw new InvalidClaimsError('claim "territories" must be a list of bassin codes');
  }
  if (typeof purpose !== 'string' || !(PURPOSES as readonly string[]).includes(purpose)) {
    throw new InvalidClaimsError(`claim "purpose" must be one of ${PURPOSES.join(', ')}`);
  }
  return { sub, role: role as Role, org, territories: territories as string[], purpose: purpose as Purpose };
}
