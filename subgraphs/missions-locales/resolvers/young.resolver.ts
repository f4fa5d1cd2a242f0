import { definePartnerYoung } from '../../../platform/partner-kit/young';
import { SUBGRAPHS } from '../../../platform/partners';
import { obligationEvents } from '../events';
import { obligationFollowers } from './obligation.resolver';

/**
 * `Young.missionsLocalesFollowUps` and the Missions locales events of the trajectory, obligation steps
 * included.
 */
export const {
  Young,
  PartnerYoungResolver: YoungResolver,
  writeResolvers: youngWriteResolvers,
  referenceResolvers: youngReference,
  access: youngAccess,
} = definePartnerYoung(SUBGRAPHS['missions-locales'], {
  extraEvents: obligationEvents,
  extraFollowers: (young, context) => obligationFollowers(young, context as never),
});
