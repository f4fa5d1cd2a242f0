import { foldText } from '../../platform/graphql/offer-search';
import { OfferKind } from '../../platform/graphql/types';
import { SuggestionReasonCode, type CandidateOffer } from '../../platform/partner-kit/suggestions';
import type { SubjectReference } from '../../platform/policy/subject';
import type { CfaContext } from './loaders';

/**
 * What only the CFA knows of a person's path: the apprenticeship contracts they broke. An
 * apprenticeship offer in the trade of a broken contract is annotated so that psad proposes it
 * after the others — the person may well want that trade again, but not before the rest is seen.
 */
export async function annotateBrokenContracts(
  young: SubjectReference,
  candidates: CandidateOffer[],
  context: CfaContext,
): Promise<CandidateOffer[]> {
  const broken = (await context.loaders.contractsByYoung.load(young.id)).filter(
    (contract) => contract.brokenOn !== null,
  );
  if (broken.length === 0) return candidates;
  return candidates.map((candidate) => {
    const { offer } = candidate;
    const contract =
      offer.kind === OfferKind.APPRENTICESHIP && offer.track
        ? broken.find((c) => foldText(c.trade) === foldText(offer.track!))
        : undefined;
    if (!contract) return candidate;
    const annotation = {
      code: SuggestionReasonCode.BROKEN_CONTRACT_SAME_TRADE,
      summary: `Proposée après les autres : un contrat d’apprentissage dans ce métier (${contract.trade}) a été rompu le ${contract.brokenOn}`,
    };
    return { ...candidate, annotations: [...candidate.annotations, annotation] };
  });
}
