import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { OfferLevel } from '../../../platform/graphql/offer-search';
import { LocalDate, Offer, OfferAudience, OfferKind, PageInfo } from '../../../platform/graphql/types';
import { OFFERING_SUBGRAPHS, SUBGRAPHS } from '../../../platform/partners';
import { CaseStatus } from './case.type';
import { Young } from './young.type';

@InputType({ description: 'Narrows the caseload.' })
export class YoungFilter {
  @Field(() => String, { nullable: true, description: 'A bassin, département or académie code.' })
  territory?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only people listed by this SIEI campaign (e.g. 2025-S2).',
  })
  campaign?: string | null;

  @Field(() => CaseStatus, { nullable: true, description: 'Only people with a PSAD case in this status.' })
  caseStatus?: CaseStatus | null;

  @Field(() => String, {
    nullable: true,
    description: 'Start of the last name (at least 2 characters, accents ignored).',
  })
  name?: string | null;
}

@ObjectType()
export class YoungEdge {
  @Field()
  cursor: string;

  @Field(() => Young)
  node: Young;
}

@ObjectType({ description: 'A page of the caseload, ordered by last name, first name, id.' })
export class YoungConnection {
  @Field(() => [YoungEdge])
  edges: YoungEdge[];

  @Field(() => [Young])
  nodes: Young[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@InputType({ description: 'Which offers to list, across all partners.' })
export class OfferFilter {
  @Field(() => String, { nullable: true, description: 'A bassin, département or académie code.' })
  territory?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only offers open to a person of this age.' })
  age?: number | null;

  @Field(() => [OfferKind], { nullable: true })
  kinds?: OfferKind[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only offers with at least one free place.' })
  hasVacancy?: boolean | null;

  @Field(() => LocalDate, { nullable: true, description: 'Only offers starting strictly before this date.' })
  startsBefore?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only offers whose trade or track (filière) contains this text, case and accents ignored (2 to 80 characters), e.g. "cuisine", "Électricien".',
  })
  track?: string | null;

  @Field(() => [OfferLevel], {
    nullable: true,
    description:
      'Only offers preparing one of these qualifications (read from their level: CAP 1 is CAP, 2nde pro is BAC_PRO…).',
  })
  level?: OfferLevel[] | null;

  @Field(() => [OfferAudience], {
    nullable: true,
    description:
      'Only offers open to at least one of these publics (décrochés, 16-18 under the obligation de formation, with or without a diploma).',
  })
  'public'?: OfferAudience[] | null;
}

@ObjectType()
export class OfferEdge {
  @Field()
  cursor: string;

  @Field(() => Offer)
  node: Offer;
}

/** The selection psad requires from every offering partner to merge `offers`. */
export const OFFER_FIELDS =
  'id partner kind title provider territory commune track level capacity vacancies ageMin ageMax startsOn endsOn audiences';
export const CONTRIBUTED_OFFERS = OFFERING_SUBGRAPHS.map(
  (name) =>
    `${SUBGRAPHS[name].fieldPrefix}Offers { ${OFFER_FIELDS} } ${SUBGRAPHS[name].fieldPrefix}OfferCount`,
).join(' ');
const requiresOffers = `@requires(fields: "${CONTRIBUTED_OFFERS}")`;

/**
 * Offers of every partner in one list. The entity's key is the encoded search: each offering
 * partner contributes its matches for that key, and psad merges them in one order.
 */
@ObjectType({ description: 'Offers of all partners, merged in one list (earliest start first).' })
@Directive('@key(fields: "searchKey")')
export class OfferConnection {
  @Field({ description: 'Opaque encoding of the search, shared with every partner.' })
  @Directive('@inaccessible')
  searchKey: string;

  @Field(() => [OfferEdge])
  @Directive(requiresOffers)
  edges: OfferEdge[];

  @Field(() => [Offer])
  @Directive(requiresOffers)
  nodes: Offer[];

  @Field(() => PageInfo)
  @Directive(requiresOffers)
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'Matching offers across the partners that answered.' })
  @Directive(requiresOffers)
  totalCount: number;
}

/** psad's declaration of the partners' contributions; the gateway fetches them for the @requires above. */
export function declareContributedOffers(): void {
  for (const name of OFFERING_SUBGRAPHS) {
    const prefix = SUBGRAPHS[name].fieldPrefix;
    Field(() => [Offer], { nullable: true })(OfferConnection.prototype, `${prefix}Offers`);
    Directive('@external')(OfferConnection.prototype, `${prefix}Offers`);
    Field(() => Int, { nullable: true })(OfferConnection.prototype, `${prefix}OfferCount`);
    Directive('@external')(OfferConnection.prototype, `${prefix}OfferCount`);
  }
}
declareContributedOffers();
