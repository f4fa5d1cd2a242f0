import type { SubgraphName } from '../platform/partners';
import type { SubgraphDefinition } from '../platform/server/definition';
import { agriculture } from './agriculture/server';
import { cfa } from './cfa/server';
import { e2c } from './e2c/server';
import { educationNationale } from './education-nationale/server';
import { missionsLocales } from './missions-locales/server';
import { pjj } from './pjj/server';
import { psad } from './psad/server';

/**
 * Every subgraph of the hub, by name: what the composition script, `npm start` and the tests iterate over.
 */
export const SUBGRAPH_DEFINITIONS: Record<SubgraphName, SubgraphDefinition> = {
  psad,
  'education-nationale': educationNationale,
  'missions-locales': missionsLocales,
  e2c,
  cfa,
  agriculture,
  pjj,
};
