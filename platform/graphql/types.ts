import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Partner } from '../partners';

/**
 * GraphQL types that every subgraph shares. They are defined once here so that the
 * value types (`TrajectoryEvent`, `Offer`, `FollowUp`…) and enums are identical in every
 * subgraph, which is what lets the supergraph compose them as shareable.
 */
export const LocalDate = GraphQLLocalDate;

registerEnumType(Partner, {
  name: 'Partner',
  description: 'The institution that owns and serves a piece of data.',
});

export enum TrajectoryEventKind {
  SIEI_LISTING = 'SIEI_LISTING',
  CASE_OPENED = 'CASE_OPENED',
  CONTACT_ATTEMPT = 'CONTACT_ATTEMPT',
  CASE_CLOSED = 'CASE_CLOSED',
  CASE_STATUS_CHANGED = 'CASE_STATUS_CHANGED',
  CASE_ASSIGNED = 'CASE_ASSIGNED',
  REFERRAL_MADE = 'REFERRAL_MADE',
  REFERRAL_ACCEPTED = 'REFERRAL_ACCEPTED',
  REFERRAL_DECLINED = 'REFERRAL_DECLINED',
  ENROLMENT = 'ENROLMENT',
  SCHOOL_EXIT = 'SCHOOL_EXIT',
  DROPOUT_SIGNAL = 'DROPOUT_SIGNAL',
  INITIAL_REVIEW = 'INITIAL_REVIEW',
  FOQUALE_CONTRACT_SIGNED = 'FOQUALE_CONTRACT_SIGNED',
  SITUATION_REVIEW = 'SITUATION_REVIEW',
  FOQUALE_CONTRACT_CLOSED = 'FOQUALE_CONTRACT_CLOSED',
  FOQUALE_TUTOR_ASSIGNED = 'FOQUALE_TUTOR_ASSIGNED',
  FOQUALE_SOLUTION_CHOSEN = 'FOQUALE_SOLUTION_CHOSEN',
  FOLLOW_UP_OPENED = 'FOLLOW_UP_OPENED',
  INTERVIEW = 'INTERVIEW',
  PROGRAMME_ENTRY = 'PROGRAMME_ENTRY',
  TRAINING_STARTED = 'TRAINING_STARTED',
  TRAINING_COMPLETED = 'TRAINING_COMPLETED',
  APPRENTICESHIP_STARTED = 'APPRENTICESHIP_STARTED',
  APPRENTICESHIP_BROKEN = 'APPRENTICESHIP_BROKEN',
  OBLIGATION_STEP = 'OBLIGATION_STEP',
  EXIT = 'EXIT',
  FOLLOW_UP_CLOSED = 'FOLLOW_UP_CLOSED',
  PLACE_RESERVED = 'PLACE_RESERVED',
  PLACE_RESERVATION_CANCELLED = 'PLACE_RESERVATION_CANCELLED',
  PJJ_SIGNAL = 'PJJ_SIGNAL',
}
registerEnumType(TrajectoryEventKind, { name: 'TrajectoryEventKind' });

@ObjectType({ description: "One dated step of a young person's path, as recorded by one partner." })
@Directive('@shareable')
export class TrajectoryEvent {
  @Field(() => ID, { description: 'Stable id, unique across partners (`<partner>:<local id>`).' })
  id: string;

  @Field(() => Partner)
  partner: Partner;

  @Field(() => Date, { description: 'When it happened (ISO 8601 date-time).' })
  at: Date;

  @Field(() => TrajectoryEventKind)
  kind: TrajectoryEventKind;

  @Field({ description: 'A short human sentence, in French, as a coordinator would write it.' })
  summary: string;
}

export enum OfferKind {
  SCHOOL_PLACE = 'SCHOOL_PLACE',
  MICRO_LYCEE = 'MICRO_LYCEE',
  MLDS_ACTION = 'MLDS_ACTION',
  PAFI = 'PAFI',
  SERVICE_CIVIQUE = 'SERVICE_CIVIQUE',
  SUPPORT_PROGRAMME = 'SUPPORT_PROGRAMME',
  E2C_PATHWAY = 'E2C_PATHWAY',
  APPRENTICESHIP = 'APPRENTICESHIP',
  PREPARATORY_TRAINING = 'PREPARATORY_TRAINING',
  AGRICULTURAL_TRAINING = 'AGRICULTURAL_TRAINING',
}
registerEnumType(OfferKind, {
  name: 'OfferKind',
  description:
    'The kind of solution an offer is (circulaire 2013-035: school place, micro-lycée, MLDS, E2C, apprenticeship…).',
});

/**
 * The audiences an offer is declared open to (its `public`): the publics of the circulaire n° 2013-035 and of
 * the obligation de formation.
 */
export enum OfferAudience {
  DECROCHES = 'DECROCHES',
  OBLIGATION_FORMATION_16_18 = 'OBLIGATION_FORMATION_16_18',
  WITHOUT_DIPLOMA = 'WITHOUT_DIPLOMA',
  WITH_DIPLOMA = 'WITH_DIPLOMA',
}
registerEnumType(OfferAudience, {
  name: 'OfferAudience',
  description:
    'Who an offer is open to: DECROCHES (left training without a diploma, SIEI-listed or a broken apprenticeship), OBLIGATION_FORMATION_16_18 (counts for the ' +
    'obligation de formation of 16-17 year-olds), WITHOUT_DIPLOMA (no CAP/BEP or higher; the brevet is not a qualification), WITH_DIPLOMA (holds a CAP/BEP or a bac).',
  valuesConfig: {
    DECROCHES: {
      description:
        'Young people who left training without a diploma (SIEI-listed, or whose apprenticeship contract broke).',
    },
    OBLIGATION_FORMATION_16_18: {
      description: 'Meets the obligation de formation of a 16-17 year-old (loi du 26 juillet 2019, art. 15).',
    },
    WITHOUT_DIPLOMA: { description: 'Open without a qualification diploma (none, or only the brevet).' },
    WITH_DIPLOMA: { description: 'Open to holders of a CAP/BEP or a baccalauréat.' },
  },
});

@ObjectType({ description: 'A solution a partner offers: a training place, a programme, an apprenticeship…' })
@Directive('@shareable')
export class Offer {
  @Field(() => ID, { description: 'Unique across partners (`<partner>:<local id>`).' })
  id: string;

  @Field(() => Partner)
  partner: Partner;

  @Field(() => OfferKind)
  kind: OfferKind;

  @Field()
  title: string;

  @Field({ description: 'The organisation that runs it (school, Mission locale, E2C site, CFA…).' })
  provider: string;

  @Field({ description: 'Bassin code where it takes place.' })
  territory: string;

  @Field()
  commune: string;

  @Field(() => String, { nullable: true, description: 'Trade or track (filière), when it has one.' })
  track: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Qualification level (CAP, Bac pro, BTS…), when it has one.',
  })
  level: string | null;

  @Field(() => Int)
  capacity: number;

  @Field(() => Int, { description: 'Places still free: capacity minus places taken, never negative.' })
  vacancies: number;

  @Field(() => Int)
  ageMin: number;

  @Field(() => Int)
  ageMax: number;

  @Field(() => LocalDate)
  startsOn: string;

  @Field(() => LocalDate, { nullable: true })
  endsOn: string | null;

  @Field(() => [OfferAudience], {
    description: 'The publics the offer is declared open to; empty when its partner declared none.',
  })
  audiences: OfferAudience[];
}

@ObjectType({ description: 'Relay pagination information.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/**
 * One entry of a young person's access log: one subgraph request that read (or was refused)
 * their data — when, who, why, which categories and fields. Never the data itself, and never
 * the other people the same request touched. `AccessRecord` in the schema; in TypeScript that
 * name is the stored record (platform/audit/record.ts), which holds more than is ever shown:
 * every young person's id the request concerned, and the chain's hashes.
 */
@ObjectType('AccessRecord', {
  description:
    'One access to a young person’s data, as one partner’s access trail recorded it: who, when, why, what — never the data itself.',
})
@Directive('@shareable')
export class AccessLogEntry {
  @Field(() => Date, { description: 'When the partner served the request (ISO 8601 date-time).' })
  at: Date;

  @Field(() => Partner, {
    description: 'The partner whose subgraph served the request, and whose trail recorded it.',
  })
  partner: Partner;

  @Field({ description: 'The gateway’s request id: the same in every partner’s trail for one request.' })
  requestId: string;

  @Field({ description: 'The caller’s identifier (`sub`), as the identity provider vouched for it.' })
  callerSub: string;

  @Field({ description: 'The caller’s role (`psad-coordinator`, `ml-advisor`, `young`, `dpo`…).' })
  callerRole: string;

  @Field({ description: 'The caller’s organisation (PSAD, school UAI, Mission locale SIRET…).' })
  callerOrg: string;

  @Field({
    description:
      'The purpose the caller declared (`REPERAGE_SIEI`, `SUIVI_OF`, `ACCOMPAGNEMENT`, `PILOTAGE_AGREGE`).',
  })
  purpose: string;

  @Field(() => [String], {
    description:
      'Data categories this request returned (IDENTITY, SCHOOLING…). A request about several people (a caseload page) is recorded once for all of them.',
  })
  categoriesReturned: string[];

  @Field(() => [String], {
    description: 'Data categories the rules refused to this request: refused attempts are recorded too.',
  })
  categoriesDenied: string[];

  @Field(() => [String], { description: 'Fields returned (`Type.field`).' })
  fieldsReturned: string[];

  @Field(() => [String], { description: 'Fields refused (`Type.field`).' })
  fieldsDenied: string[];
}

/** The selection of an `AccessRecord`, as psad requires it from every partner to merge `accessLog`. */
export const ACCESS_RECORD_SELECTION =
  'at partner requestId callerSub callerRole callerOrg purpose categoriesReturned categoriesDenied fieldsReturned fieldsDenied';
