import { ROLES, type Role } from '../platform/auth/claims';
import type { CostModel } from './operation-cost';

/** What one operation may ask for, checked before anything else is done with it. */
export interface OperationLimits {
  /** Lexical tokens of the document (counted before it is parsed). */
  tokens: number;
  /** Nesting of fields, the root fields being at depth 1. */
  depth: number;
  /** Aliased fields, fragments expanded. */
  aliases: number;
  /** Fields of the root selection, fragments expanded. */
  rootFields: number;
  /** Directives, fragments expanded. */
  directives: number;
  /** The estimated cost (gateway/operation-cost.ts). */
  cost: number;
}

export type LimitKind = keyof OperationLimits;
export const LIMIT_KINDS: readonly LimitKind[] = [
  'tokens',
  'depth',
  'aliases',
  'rootFields',
  'directives',
  'cost',
];

/**
 * The hub's own queries fit within these (a caseload page of 100 people with their whole record costs
 * about 50,000); a client that needs more is asking for an export, not a query.
 */
export const DEFAULT_LIMITS: OperationLimits = {
  tokens: 3000,
  depth: 10,
  aliases: 15,
  rootFields: 20,
  directives: 30,
  cost: 100000,
};

/** Where a role's needs differ from the default: a young person reads their own record only. */
export const ROLE_LIMITS: Partial<Record<Role, Partial<OperationLimits>>> = {
  young: { cost: 20000, aliases: 5 },
  dashboard: { cost: 200000, aliases: 30 },
};

/**
 * The cost of an operation (gateway/operation-cost.ts) is its answer's fields, each once per item of the
 * lists around it (a list holds its `first`, or DEFAULT_LIST_SIZE items), plus these weights: the fields
 * that fan out to every partner or merge their answers, once per occurrence in the operation (the gateway
 * fetches them once for a whole list, but once per alias). A person's trajectory and suggestions, merged
 * from every partner, take about as long as a page of 100 whole records: 300 aliases of them (issue 13)
 * cost over 600,000.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  'Young.trajectory': 1000,
  'Young.suggestedOffers': 1000,
  'Query.offers': 500,
  'Query.youngs': 100,
  'Query.accessLog': 1000,
  'Query.exportYoung': 2000,
  'Query.indicators': 500,
};
export const DEFAULT_LIST_SIZE = 5;

export interface LimitsSettings {
  /** The limits of each role. */
  byRole: Record<Role, OperationLimits>;
  model: CostModel;
}

/** The variable that sets a limit for every role, e.g. `HUB_LIMIT_ROOT_FIELDS`. */
export function limitVariable(kind: LimitKind, role?: Role): string {
  const stem = `HUB_LIMIT_${kind.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
  return role ? `${stem}_${role.replace(/-/g, '_').toUpperCase()}` : stem;
}

/**
 * The limits in force: DEFAULT_LIMITS, then ROLE_LIMITS, then `HUB_LIMIT_<KIND>` (every role), then
 * `HUB_LIMIT_<KIND>_<ROLE>` (e.g. `HUB_LIMIT_COST_DASHBOARD`); `HUB_COST_LIST_SIZE` and `HUB_COST_WEIGHTS`
 * (`Type.field=weight,…`, added to DEFAULT_WEIGHTS) tune the estimate. A malformed value stops the gateway
 * at start, naming the variable.
 */
export function limitsFromEnvironment(env: NodeJS.ProcessEnv): LimitsSettings {
  const byRole = {} as Record<Role, OperationLimits>;
  for (const role of ROLES) {
    const limits = { ...DEFAULT_LIMITS, ...ROLE_LIMITS[role] };
    for (const kind of LIMIT_KINDS) {
      for (const variable of [limitVariable(kind), limitVariable(kind, role)]) {
        const value = positiveInteger(env, variable);
        if (value !== undefined) limits[kind] = value;
      }
    }
    byRole[role] = limits;
  }
  return {
    byRole,
    model: {
      defaultListSize: positiveInteger(env, 'HUB_COST_LIST_SIZE') ?? DEFAULT_LIST_SIZE,
      weights: new Map(Object.entries({ ...DEFAULT_WEIGHTS, ...weightsOf(env.HUB_COST_WEIGHTS) })),
    },
  };
}

/** The highest limit of each kind over the roles: what the parser itself enforces, whoever calls. */
export function ceilingOf(settings: LimitsSettings): OperationLimits {
  const ceiling = { ...DEFAULT_LIMITS };
  for (const kind of LIMIT_KINDS)
    ceiling[kind] = Math.max(...Object.values(settings.byRole).map((limits) => limits[kind]));
  return ceiling;
}

function positiveInteger(env: NodeJS.ProcessEnv, variable: string): number | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${variable} must be a positive integer, got "${raw}"`);
  return value;
}

function weightsOf(raw: string | undefined): Record<string, number> {
  if (!raw?.trim()) return {};
  return Object.fromEntries(
    raw.split(',').map((entry) => {
      const match = /^\s*([A-Za-z_]\w*\.[A-Za-z_]\w*)\s*=\s*(\d+)\s*$/.exec(entry);
      if (!match) throw new Error(`HUB_COST_WEIGHTS must read "Type.field=weight,…", got "${entry.trim()}"`);
      return [match[1], Number(match[2])];
    }),
  );
}
