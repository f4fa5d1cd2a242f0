import { buildFederatedSchema } from '../../platform/graphql/federation';
import { IndicatorsResolver } from './resolvers/indicators.resolver';
import { Partner, SUBGRAPHS } from '../../platform/partners';
import { defineFollowRegister } from '../../platform/audit/follow-register';
import type { SubgraphContext } from '../../platform/server/definition';
import type { PsadLoaders } from './loaders';
import { subjectOf } from './subject';
import type { Young } from './types/young.type';
import { AccessLogResolver, YoungExportResolver, accessLogReference } from './resolvers/access-log.resolver';
import { PsadCaseResolver } from './resolvers/case.resolver';
import { CaseWorkflowResolver } from './resolvers/case-workflow.resolver';
import { OfferResolver, offerReference } from './resolvers/offer.resolver';
import { OppositionResolver } from './resolvers/opposition.resolver';
import { ReferralResolver } from './resolvers/referral.resolver';
import { SuggestionResolver } from './resolvers/suggestion.resolver';
import { TerritoryResolver } from './resolvers/territory.resolver';
import { YoungResolver, youngReference } from './resolvers/young.resolver';

export function buildSchema() {
  return buildFederatedSchema({
    resolvers: [
      YoungResolver,
      PsadCaseResolver,
      CaseWorkflowResolver,
      ReferralResolver,
      TerritoryResolver,
      OfferResolver,
      OppositionResolver,
      AccessLogResolver,
      YoungExportResolver,
      IndicatorsResolver,
      SuggestionResolver,
      defineFollowRegister(SUBGRAPHS.psad),
    ],
    referenceResolvers: { ...youngReference, ...offerReference, ...accessLogReference },
    // psad establishes subjects itself, from its records and the followers the partners report.
    access: {
      owner: Partner.PSAD,
      subjectOfYoung: (young: Record<string, unknown>, context: SubgraphContext<PsadLoaders>) =>
        subjectOf(young as unknown as Young, context, context.now()),
    },
  });
}
