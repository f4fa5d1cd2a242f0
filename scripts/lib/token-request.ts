import {
  callerFromClaims,
  PURPOSES,
  ROLES,
  type Caller,
  type Purpose,
  type Role,
} from '../../platform/auth/claims';
import { generateCatalogue } from '../../demo/generate';
import { BASSINS } from '../../platform/reference/territories';
import type { OrganisationKind } from '../../demo/world';
import { parseArgs } from './args';

/**
 * The pure part of `npm run token`: from the command line to the claims of a development
 * token. Every default is derived from the role, so `--role` and `--territory` are enough.
 */
export interface TokenRequest {
  caller: Caller;
  ttlSeconds: number;
}

/**
 * The purpose a role declares unless told otherwise: ACCOMPAGNEMENT for everyone who works with
 * individual young people (and the young person themself), PILOTAGE_AGREGE for the two roles
 * that must not see case content. A PSAD coordinator working the SIEI listing campaign passes
 * `--purpose REPERAGE_SIEI`; a Mission locale adviser checking the obligation de formation,
 * `--purpose SUIVI_OF`.
 */
export const DEFAULT_PURPOSE: Record<Role, Purpose> = {
  'psad-coordinator': 'ACCOMPAGNEMENT',
  'foquale-network': 'ACCOMPAGNEMENT',
  'en-referent': 'ACCOMPAGNEMENT',
  'ml-advisor': 'ACCOMPAGNEMENT',
  'e2c-staff': 'ACCOMPAGNEMENT',
  'cfa-staff': 'ACCOMPAGNEMENT',
  'agri-staff': 'ACCOMPAGNEMENT',
  'pjj-educator': 'ACCOMPAGNEMENT',
  young: 'ACCOMPAGNEMENT',
  dashboard: 'PILOTAGE_AGREGE',
  dpo: 'PILOTAGE_AGREGE',
};

/**
 * `--org` defaults to a real organisation of the demo in the first territory, of the kind that
 * holds the role — so that the default token matches the habilitation register
 * (platform/policy/habilitations.ts): the bassin's PSAD, its MLDS unit for a FOQUALE network,
 * a lycée for a référent, its Mission locale, E2C site, CFA, agricultural school or PJJ unit.
 */
const ORGANISATION_KINDS: Partial<Record<Role, OrganisationKind[]>> = {
  'foquale-network': ['MLDS', 'CIO'],
  'en-referent': ['LYCEE_PROFESSIONNEL', 'LYCEE_GENERAL', 'COLLEGE'],
  'ml-advisor': ['MISSION_LOCALE'],
  'e2c-staff': ['E2C_SITE'],
  'cfa-staff': ['CFA'],
  'agri-staff': ['LYCEE_AGRICOLE', 'CFPPA'],
  'pjj-educator': ['PJJ_UNIT'],
};
const FIXED_ORGS: Partial<Record<Role, string>> = {
  young: 'SELF',
  dashboard: 'RECTORAT-GRENOBLE',
  dpo: 'DPD-ACADEMIE-GRENOBLE',
};

export function defaultOrg(role: Role, territory: string): string {
  if (role === 'psad-coordinator') return `PSAD-${territory}`;
  const fixed = FIXED_ORGS[role];
  if (fixed) return fixed;
  const kinds = ORGANISATION_KINDS[role] ?? [];
  const departement = BASSINS.find((bassin) => bassin.code === territory)?.departement;
  const candidates = generateCatalogue().organisations.filter((organisation) =>
    kinds.includes(organisation.kind),
  );
  // Prefer the bassin, then its département (CFAs and PJJ units serve a whole département).
  const match =
    candidates.find((organisation) => organisation.bassin === territory) ??
    candidates.find(
      (organisation) =>
        BASSINS.find((bassin) => bassin.code === organisation.bassin)?.departement === departement,
    ) ??
    candidates[0];
  return match.code;
}

export const DEFAULT_TTL = '1h';
const MAX_TTL_SECONDS = 7 * 24 * 3600;
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
/** A bassin code: département (2 digits, 2A/2B, or 97x overseas), a dash, a short code — e.g. `38-GRE`. */
const BASSIN_CODE = /^(\d{2}|2[AB]|97\d)-[A-Z0-9]{2,6}$/;
const ORG_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Thrown with a message meant for the person at the terminal. */
export class TokenRequestError extends Error {}

/** Returns null when `--help` was asked for. */
export function parseTokenRequest(argv: string[], randomId: () => string): TokenRequest | null {
  const { values, flags, lists } = parseArgs(argv, {
    values: ['role', 'org', 'sub', 'purpose', 'ttl'],
    flags: ['help'],
    lists: ['territory'],
  });
  if (flags.has('help')) return null;
  const role = roleOption(values.role);
  const territories = territoryOptions(lists.territory ?? [], role);
  const caller: Caller = {
    sub: subOption(values.sub, role, randomId),
    role,
    org: orgOption(values.org, role, territories[0]),
    territories,
    purpose: purposeOption(values.purpose, role),
  };
  // The same check the gateway applies: a token this script prints is never refused for its claims.
  return { caller: callerFromClaims({ ...caller }), ttlSeconds: parseTtl(values.ttl ?? DEFAULT_TTL) };
}

/** `30s`, `15m`, `1h`, `2d`: at most 7 days. */
export function parseTtl(raw: string): number {
  const match = /^(\d+)([smhd])$/.exec(raw);
  const seconds = match ? Number(match[1]) * TTL_UNITS[match[2]] : NaN;
  if (!(seconds > 0 && seconds <= MAX_TTL_SECONDS))
    throw new TokenRequestError(`--ttl must be a duration such as 30m, 1h or 2d (at most 7d), got "${raw}".`);
  return seconds;
}

function roleOption(raw: string | undefined): Role {
  if (!raw) throw new TokenRequestError(`--role is required: one of ${ROLES.join(', ')}.`);
  if (!(ROLES as readonly string[]).includes(raw))
    throw new TokenRequestError(`--role "${raw}" is not a role; use one of ${ROLES.join(', ')}.`);
  return raw as Role;
}

/** Roles whose access depends on no territory: the person themself, the DPO. */
const WITHOUT_TERRITORY: readonly Role[] = ['young', 'dpo'];

function territoryOptions(raw: string[], role: Role): string[] {
  if (raw.length === 0 && WITHOUT_TERRITORY.includes(role)) return [];
  if (raw.length === 0)
    throw new TokenRequestError(
      '--territory is required (a bassin code such as 38-GRE; repeat it for several bassins).',
    );
  const invalid = raw.find((code) => !BASSIN_CODE.test(code));
  if (invalid !== undefined)
    throw new TokenRequestError(
      `--territory "${invalid}" is not a bassin code (expected e.g. 38-GRE, 74-ANN).`,
    );
  return [...new Set(raw)];
}

function purposeOption(raw: string | undefined, role: Role): Purpose {
  if (raw === undefined) return DEFAULT_PURPOSE[role];
  if (!(PURPOSES as readonly string[]).includes(raw))
    throw new TokenRequestError(`--purpose "${raw}" is not a purpose; use one of ${PURPOSES.join(', ')}.`);
  return raw as Purpose;
}

function orgOption(raw: string | undefined, role: Role, firstTerritory: string): string {
  if (raw === undefined) return defaultOrg(role, firstTerritory);
  if (!ORG_CODE.test(raw))
    throw new TokenRequestError(
      `--org "${raw}" is not an organisation code (letters, digits, . _ -; e.g. PSAD-38-GRE or a UAI).`,
    );
  return raw;
}

function subOption(raw: string | undefined, role: Role, randomId: () => string): string {
  // A young person's token is about one precise person: no made-up subject.
  if (raw === undefined && role === 'young')
    throw new TokenRequestError('--role young needs --sub <the hub id of the young person>.');
  if (raw === undefined) return `dev-${randomId()}`;
  if (!/^\S{1,200}$/.test(raw))
    throw new TokenRequestError('--sub must be 1 to 200 characters without spaces.');
  return raw;
}
