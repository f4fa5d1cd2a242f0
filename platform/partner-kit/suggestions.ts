import { parisDay } from '../calendar';
import type DataLoader from 'dataloader';
import { requestLoader } from '../database/batch-window';
import {
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { contributedType } from '../graphql/partner-types';
import { Offer } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { decide } from '../policy/engine';
import type { GuardContext, GuardOptions } from '../policy/context';
import { REACHABLE_BASSINS_FIELD, subjectSelection, type SubjectReference } from '../policy/subject';
import type { Subject } from '../policy/types';
import { OFFER_COLUMNS, toOffer, type OfferRow } from './offers';

/**
 * `Young.suggestedOffers` (psad) ranks every partner's offers for one person. Each offering
 * partner contributes its candidates as `<prefix>CandidateOffers` (@inaccessible): its open
 * offers with a free place, within the bassins psad says are within the person's reach
 * (`reachableBassins`), that the person's age can fit — annotated with what only this partner
 * knows about the person's past path (the CFA: a broken contract in the same trade). psad ranks
 * them (subgraphs/psad/matching.ts).
 */

/** Why an offer was ranked where it is: each reason of a suggestion says one, with a French sentence. */
export enum SuggestionReasonCode {
  AGE_ELIGIBLE = 'AGE_ELIGIBLE',
  HAS_VACANCY = 'HAS_VACANCY',
  SAME_BASSIN = 'SAME_BASSIN',
  NEIGHBOURING_BASSIN = 'NEIGHBOURING_BASSIN',
  SAME_DEPARTEMENT = 'SAME_DEPARTEMENT',
  STARTS_SOON = 'STARTS_SOON',
  ALREADY_STARTED = 'ALREADY_STARTED',
  STARTS_LATER = 'STARTS_LATER',
  LEVEL_MATCH = 'LEVEL_MATCH',
  LEVEL_NOT_REACHED = 'LEVEL_NOT_REACHED',
  LEVEL_BELOW = 'LEVEL_BELOW',
  TRACK_MATCH = 'TRACK_MATCH',
  OPEN_TO_PUBLIC = 'OPEN_TO_PUBLIC',
  NOT_FOR_PUBLIC = 'NOT_FOR_PUBLIC',
  LEFT_SCHOOL = 'LEFT_SCHOOL',
  BROKEN_CONTRACT_SAME_TRADE = 'BROKEN_CONTRACT_SAME_TRADE',
}
registerEnumType(SuggestionReasonCode, {
  name: 'SuggestionReasonCode',
  description:
    'Why an offer was suggested where it is. LEFT_SCHOOL and BROKEN_CONTRACT_SAME_TRADE put it after every offer without them.',
  valuesConfig: {
    AGE_ELIGIBLE: {
      description:
        'The person’s age on the day they would start is within the offer’s bounds (offers outside them are never suggested).',
    },
    HAS_VACANCY: { description: 'At least one place is free (offers without one are never suggested).' },
    SAME_BASSIN: { description: 'The offer is in the person’s bassin.' },
    NEIGHBOURING_BASSIN: {
      description: 'The offer is in a neighbouring bassin (main towns at most 50 km apart).',
    },
    SAME_DEPARTEMENT: { description: 'The offer is farther away, in the person’s département.' },
    STARTS_SOON: { description: 'The offer starts within three months.' },
    ALREADY_STARTED: { description: 'The session has started and still takes people in.' },
    STARTS_LATER: { description: 'The offer starts in more than three months.' },
    LEVEL_MATCH: { description: 'The qualification fits the person’s last class or diploma (SIEI listing).' },
    LEVEL_NOT_REACHED: { description: 'The qualification requires a diploma the person does not hold.' },
    LEVEL_BELOW: { description: 'The qualification is below the diploma the person holds.' },
    TRACK_MATCH: { description: 'The offer is in the trade or track of the person’s last training.' },
    OPEN_TO_PUBLIC: {
      description:
        'The offer is declared open to the person’s public (décrochés, 16-18, with or without a diploma).',
    },
    NOT_FOR_PUBLIC: { description: 'The offer declares publics the person is not part of.' },
    LEFT_SCHOOL: { description: 'The offer is at the school the person just left: ranked after the others.' },
    BROKEN_CONTRACT_SAME_TRADE: {
      description:
        'An apprenticeship in the trade of a contract the person broke (known to the CFA): ranked after the others.',
    },
  },
});

@ObjectType({ description: 'A fact a partner knows about the person and one of its candidate offers.' })
@Directive('@shareable')
@Directive('@inaccessible')
export class CandidateAnnotation {
  @Field(() => SuggestionReasonCode)
  code: SuggestionReasonCode;

  @Field({ description: 'A short sentence, in French.' })
  summary: string;
}

/**
 * An offer a partner proposes for one person, before psad ranks it: each partner publishes it
 * under its own name (`<Prefix>CandidateOffer`, platform/graphql/partner-types.ts).
 */
@ObjectType('CandidateOffer', {
  description: 'An offer a partner proposes for one person, before psad ranks it.',
})
export abstract class CandidateOffer {
  @Field(() => Offer)
  offer: Offer;

  @Field({
    description: 'The code of the organisation that runs it (a school’s UAI, a CFA’s UAI, a SIRET…).',
  })
  providerCode: string;

  @Field(() => [CandidateAnnotation])
  annotations: CandidateAnnotation[];
}

/** At most this many candidates per partner and person: the nearest (own bassin first), then the soonest. */
export const CANDIDATES_PER_PARTNER = 60;

/** The field of a partner's contribution, as it arrives in psad's representation. */
export function candidateOffersField(profile: SubgraphProfile): string {
  return `${profile.fieldPrefix}CandidateOffers`;
}

/** The facts a person's candidates depend on; people who share them share one search. */
interface CandidateSearch {
  /** The person's bassin first, then the others within reach. */
  bassins: string[];
  /** Age today, attested by psad; psad checks the age on the start day itself. */
  age: number;
}

export interface CandidateContext extends GuardContext {
  db: DataSource;
}

/**
 * One statement for every person of the request: for each distinct search, this partner's offers
 * that are open, not over, with a free place, in a bassin within reach, whose age bounds the
 * person can meet by the day they start (age today at most the maximum; at least the minimum
 * by then), nearest first then soonest, at most CANDIDATES_PER_PARTNER each.
 */
async function searchCandidates(
  db: DataSource,
  profile: SubgraphProfile,
  keys: readonly string[],
  today: string,
): Promise<CandidateOffer[][]> {
  const searches = keys.map((key) => ({ key, ...(JSON.parse(key) as CandidateSearch) }));
  const rows: (OfferRow & { key: string; provider_code: string })[] = await db.query(
    `SELECT c.* FROM (
       SELECT q.key, ${OFFER_COLUMNS}, org.code AS provider_code,
              row_number() OVER (PARTITION BY q.key ORDER BY (o.bassin_code = q.bassins[1]) DESC, greatest(o.starts_on, $2::date), o.id) AS position
         FROM jsonb_to_recordset($1::jsonb) AS q (key text, bassins text[], age int)
         JOIN offer o ON o.bassin_code = ANY (q.bassins)
         JOIN organisation org ON org.id = o.organisation_id
        WHERE o.closed_at IS NULL
          AND o.taken < o.capacity
          AND (o.ends_on IS NULL OR o.ends_on >= $2::date)
          AND o.age_max >= q.age
          AND o.age_min <= q.age + 1 + greatest(o.starts_on - $2::date, 0) / 365
     ) c
     WHERE c.position <= $3
     ORDER BY c.key, c.position`,
    [JSON.stringify(searches), today, CANDIDATES_PER_PARTNER],
  );
  const byKey = new Map<string, CandidateOffer[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push({ offer: toOffer(profile, row), providerCode: row.provider_code, annotations: [] });
    byKey.set(row.key, list);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

const searchLoaders = new WeakMap<object, DataLoader<string, CandidateOffer[]>>();

/**
 * The candidates within reach of a person whose subject is established. The subjects are established
 * in the resolvers, within the request's batch window, so that the loaders they use go out together
 * for the whole page; the searches they imply then go in one statement — people with the same
 * bassin and age share one search.
 */
function candidatesOf(
  subject: Subject,
  young: SubjectReference,
  profile: SubgraphProfile,
  context: CandidateContext,
): Promise<CandidateOffer[]> {
  let loader = searchLoaders.get(context);
  if (!loader) {
    const today = parisDay(context.now());
    loader = requestLoader<string, CandidateOffer[]>((keys) =>
      searchCandidates(context.db, profile, keys, today),
    );
    searchLoaders.set(context, loader);
  }
  const reachable = (young as unknown as Record<string, unknown>)[REACHABLE_BASSINS_FIELD];
  return loader.load(searchKey(subject, reachable));
}

function searchKey(subject: Subject, reachable: unknown): string {
  const others = Array.isArray(reachable)
    ? reachable.filter((code): code is string => typeof code === 'string' && code !== subject.bassin)
    : [];
  return JSON.stringify({
    bassins: [subject.bassin, ...new Set(others)],
    age: subject.age,
  } satisfies CandidateSearch);
}

export interface CandidateOptions<Context extends CandidateContext> {
  /**
   * Adds this partner's own facts about the person to its candidates (e.g. the CFA's broken
   * contracts). Called only when the rules grant FOLLOW_UP_SUMMARY on the person to the caller
   * for this partner's rows: an opposition to this partner withholds the facts, not the offers.
   */
  annotate?: (
    young: SubjectReference,
    candidates: CandidateOffer[],
    context: Context,
  ) => Promise<CandidateOffer[]>;
}

/**
 * A partner's `Young.<prefix>CandidateOffers`, for the partner's own `Young` class and the guard
 * options it builds its schema with (which establish the person's subject from psad's
 * attestation and every partner's followers).
 *
 * Category: the offers are public, but which ones are proposed to whom, and why, says where the
 * person lives, how old they are and what their path was. The partner decides FOLLOW_UP_SUMMARY
 * (what psad's `suggestedOffers` is tagged with) on the person for its own rows, and traces it:
 * refused, its annotations are left out; the candidates themselves still go to psad, whose own
 * guard decides on the suggestions. Nothing reaches a client from this field (@inaccessible).
 */
export function defineCandidateOffers<Context extends CandidateContext>(
  profile: SubgraphProfile,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  Young: Function,
  access: GuardOptions<Context>,
  options: CandidateOptions<Context> = {},
) {
  Field(() => [String], { nullable: true })(Young.prototype, REACHABLE_BASSINS_FIELD);
  Directive('@external')(Young.prototype, REACHABLE_BASSINS_FIELD);
  const field = candidateOffersField(profile);
  const PartnerCandidateOffer = contributedType(profile, CandidateOffer);

  @Resolver(() => Young)
  class CandidateOffersResolver {
    @FieldResolver(() => [PartnerCandidateOffer], {
      name: field,
      nullable: true,
      description: `${profile.label}’s open offers with a free place within the person’s reach, for psad to rank.`,
    })
    @Directive('@inaccessible')
    @Directive(`@requires(fields: "${subjectSelection(profile)} ${REACHABLE_BASSINS_FIELD}")`)
    async candidateOffers(
      @Root() young: SubjectReference,
      @Ctx() context: Context,
    ): Promise<CandidateOffer[]> {
      const establish = async (person: SubjectReference) =>
        context.subjects.get(person.id) ??
        (await access.subjectOfYoung(person as unknown as Record<string, unknown>, context));
      const subject = await establish(young);
      if (!subject) return [];
      const candidates = await candidatesOf(subject, young, profile, context);
      const decision = decide({
        caller: context.caller,
        category: 'FOLLOW_UP_SUMMARY',
        owner: profile.partner,
        subject,
        now: context.now(),
      });
      context.access.note(subject.youngId, 'FOLLOW_UP_SUMMARY', `Young.${field}`, decision.allowed);
      if (!decision.allowed || !options.annotate) return candidates;
      return options.annotate(young, candidates, context);
    }
  }
  return { CandidateOffersResolver };
}
