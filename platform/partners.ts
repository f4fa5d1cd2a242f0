/**
 * The seven partner subgraphs of the hub. This list is the single source for
 * names, default ports, database names and the `Partner` enum exposed in the graph.
 */
export const SUBGRAPH_NAMES = [
  'psad',
  'education-nationale',
  'missions-locales',
  'e2c',
  'cfa',
  'agriculture',
  'pjj',
] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Values of the GraphQL `Partner` enum, in the order of SUBGRAPH_NAMES. */
export enum Partner {
  PSAD = 'PSAD',
  EDUCATION_NATIONALE = 'EDUCATION_NATIONALE',
  MISSIONS_LOCALES = 'MISSIONS_LOCALES',
  E2C = 'E2C',
  CFA = 'CFA',
  AGRICULTURE = 'AGRICULTURE',
  PJJ = 'PJJ',
}

export interface SubgraphProfile {
  name: SubgraphName;
  partner: Partner;
  /** Human label used in error messages and the README. */
  label: string;
  /**
   * camelCase prefix of the fields this subgraph contributes to merged lists (`<prefix>Events`,
   * `<prefix>Offers`).
   */
  fieldPrefix: string;
  /** Database (and role suffix) owned by this subgraph. */
  database: string;
  defaultPort: number;
}

export const SUBGRAPHS: Record<SubgraphName, SubgraphProfile> = {
  psad: {
    name: 'psad',
    partner: Partner.PSAD,
    label: 'PSAD',
    fieldPrefix: 'psad',
    database: 'psad',
    defaultPort: 4001,
  },
  'education-nationale': {
    name: 'education-nationale',
    partner: Partner.EDUCATION_NATIONALE,
    label: 'Éducation nationale',
    fieldPrefix: 'educationNationale',
    database: 'education_nationale',
    defaultPort: 4002,
  },
  'missions-locales': {
    name: 'missions-locales',
    partner: Partner.MISSIONS_LOCALES,
    label: 'Missions locales',
    fieldPrefix: 'missionsLocales',
    database: 'missions_locales',
    defaultPort: 4003,
  },
  e2c: {
    name: 'e2c',
    partner: Partner.E2C,
    label: 'E2C',
    fieldPrefix: 'e2c',
    database: 'e2c',
    defaultPort: 4004,
  },
  cfa: {
    name: 'cfa',
    partner: Partner.CFA,
    label: 'CFA',
    fieldPrefix: 'cfa',
    database: 'cfa',
    defaultPort: 4005,
  },
  agriculture: {
    name: 'agriculture',
    partner: Partner.AGRICULTURE,
    label: 'Enseignement agricole',
    fieldPrefix: 'agriculture',
    database: 'agriculture',
    defaultPort: 4006,
  },
  pjj: {
    name: 'pjj',
    partner: Partner.PJJ,
    label: 'PJJ',
    fieldPrefix: 'pjj',
    database: 'pjj',
    defaultPort: 4007,
  },
};

/** Subgraphs other than psad: each contributes events and (except pjj) offers that psad merges. */
export const CONTRIBUTING_SUBGRAPHS = SUBGRAPH_NAMES.filter((name) => name !== 'psad');
export const OFFERING_SUBGRAPHS: SubgraphName[] = [
  'education-nationale',
  'missions-locales',
  'e2c',
  'cfa',
  'agriculture',
];

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}

/** The environment-variable stem of a subgraph: `education-nationale` → `EDUCATION_NATIONALE`. */
export function envStem(name: SubgraphName): string {
  return name.toUpperCase().replace(/-/g, '_');
}
