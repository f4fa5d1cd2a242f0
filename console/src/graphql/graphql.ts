/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Where a PSAD case stands, from listing to solution or exit. */
export type CaseStatus =
  | 'ALREADY_IN_TRAINING'
  | 'CONTACTED'
  | 'IN_SOLUTION'
  | 'MOVED'
  | 'REFUSED'
  | 'REVIEW_DONE'
  | 'SOLUTION_PROPOSED'
  | 'TO_CONTACT'
  | 'UNREACHABLE';

/** How the PSAD tried to reach the young person (MAIL: e-mail; LETTER: post; MEETING: in person). */
export type ContactChannel =
  | 'LETTER'
  | 'MAIL'
  | 'MEETING'
  | 'PHONE'
  | 'SMS';

/** What a contact attempt gave (WRONG_NUMBER: the contact details are wrong). */
export type ContactOutcome =
  | 'APPOINTMENT_SET'
  | 'NO_ANSWER'
  | 'REACHED'
  | 'WRONG_NUMBER';

/** Highest diploma held when listed. */
export type Diploma =
  | 'BAC'
  | 'BREVET'
  | 'CAP_BEP'
  | 'NONE';

export type FollowUpStatus =
  | 'CLOSED'
  | 'OPEN';

/** Opens a PSAD case for a young person on a SIEI list, for that campaign. */
export type OpenPsadCaseInput = {
  /** The SIEI campaign the person was listed in, e.g. 2025-S2. */
  campaign: string;
  /** Who follows it, as shown to partners; default: the PSAD of that bassin, or the organisation code. */
  followerName?: string | null | undefined;
  /** Code of the organisation that follows the case; default: the caller’s. */
  followerOrg?: string | null | undefined;
  /** The person’s hub id. */
  youngId: string | number;
};

/** The institution that owns and serves a piece of data. */
export type Partner =
  | 'AGRICULTURE'
  | 'CFA'
  | 'E2C'
  | 'EDUCATION_NATIONALE'
  | 'MISSIONS_LOCALES'
  | 'PJJ'
  | 'PSAD';

/** A place held for the person (RESERVED), or given back (CANCELLED). */
export type PlaceReservationStatus =
  | 'CANCELLED'
  | 'RESERVED';

/** Records an attempt to reach the young person. */
export type RecordContactAttemptInput = {
  /** When it took place: not in the future, not before the case was opened. */
  at: string;
  caseId: string | number;
  channel: ContactChannel;
  /** The coordinator’s note (follow-up detail: kept for the follow-up, never exposed by the hub). */
  note: string;
  outcome: ContactOutcome;
  youngId: string | number;
};

/** A place to hold on one of this partner’s offers for a young person. */
export type ReservePlaceInput = {
  /** The offer (`<subgraph>:<uuid>`, as `offers` lists it). */
  offerId: string | number;
  youngId: string | number;
};

export type Sex =
  | 'F'
  | 'M';

/** Why an offer was suggested where it is. LEFT_SCHOOL and BROKEN_CONTRACT_SAME_TRADE put it after every offer without them. */
export type SuggestionReasonCode =
  /** The person’s age on the day they would start is within the offer’s bounds (offers outside them are never suggested). */
  | 'AGE_ELIGIBLE'
  /** The session has started and still takes people in. */
  | 'ALREADY_STARTED'
  /** An apprenticeship in the trade of a contract the person broke (known to the CFA): ranked after the others. */
  | 'BROKEN_CONTRACT_SAME_TRADE'
  /** At least one place is free (offers without one are never suggested). */
  | 'HAS_VACANCY'
  /** The offer is at the school the person just left: ranked after the others. */
  | 'LEFT_SCHOOL'
  /** The qualification is below the diploma the person holds. */
  | 'LEVEL_BELOW'
  /** The qualification fits the person’s last class or diploma (SIEI listing). */
  | 'LEVEL_MATCH'
  /** The qualification requires a diploma the person does not hold. */
  | 'LEVEL_NOT_REACHED'
  /** The offer is in a neighbouring bassin (main towns at most 50 km apart). */
  | 'NEIGHBOURING_BASSIN'
  /** The offer declares publics the person is not part of. */
  | 'NOT_FOR_PUBLIC'
  /** The offer is declared open to the person’s public (décrochés, 16-18, with or without a diploma). */
  | 'OPEN_TO_PUBLIC'
  /** The offer is in the person’s bassin. */
  | 'SAME_BASSIN'
  /** The offer is farther away, in the person’s département. */
  | 'SAME_DEPARTEMENT'
  /** The offer starts in more than three months. */
  | 'STARTS_LATER'
  /** The offer starts within three months. */
  | 'STARTS_SOON'
  /** The offer is in the trade or track of the person’s last training. */
  | 'TRACK_MATCH';

export type TrajectoryEventKind =
  | 'APPRENTICESHIP_BROKEN'
  | 'APPRENTICESHIP_STARTED'
  | 'CASE_ASSIGNED'
  | 'CASE_CLOSED'
  | 'CASE_OPENED'
  | 'CASE_STATUS_CHANGED'
  | 'CONTACT_ATTEMPT'
  | 'DROPOUT_SIGNAL'
  | 'ENROLMENT'
  | 'EXIT'
  | 'FOLLOW_UP_CLOSED'
  | 'FOLLOW_UP_OPENED'
  | 'FOQUALE_CONTRACT_CLOSED'
  | 'FOQUALE_CONTRACT_SIGNED'
  | 'FOQUALE_SOLUTION_CHOSEN'
  | 'FOQUALE_TUTOR_ASSIGNED'
  | 'INITIAL_REVIEW'
  | 'INTERVIEW'
  | 'OBLIGATION_STEP'
  | 'PJJ_SIGNAL'
  | 'PLACE_RESERVATION_CANCELLED'
  | 'PLACE_RESERVED'
  | 'PROGRAMME_ENTRY'
  | 'REFERRAL_ACCEPTED'
  | 'REFERRAL_DECLINED'
  | 'REFERRAL_MADE'
  | 'SCHOOL_EXIT'
  | 'SIEI_LISTING'
  | 'SITUATION_REVIEW'
  | 'TRAINING_COMPLETED'
  | 'TRAINING_STARTED';

/** Moves a PSAD case to another status of its workflow. */
export type TransitionPsadCaseInput = {
  caseId: string | number;
  /** The case’s `version` the change is based on: a stale one is refused with CONFLICT. */
  expectedVersion: number;
  /** Why (kept in the case’s history as follow-up detail; never shown in the trajectory). */
  reason: string;
  to: CaseStatus;
  youngId: string | number;
};

/** Narrows the caseload. */
export type YoungFilter = {
  /** Only people listed by this SIEI campaign (e.g. 2025-S2). */
  campaign?: string | null | undefined;
  /** Only people with a PSAD case in this status. */
  caseStatus?: CaseStatus | null | undefined;
  /** Start of the last name (at least 2 characters, accents ignored). */
  name?: string | null | undefined;
  /** A bassin, département or académie code. */
  territory?: string | null | undefined;
};

export type CaseloadQueryVariables = Exact<{
  filter?: YoungFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type CaseloadQuery = { youngs: { totalCount: number, nodes: Array<{ id: string, firstName: string | null, lastName: string | null, age: number | null, bassin: { code: string, name: string } | null, sieiListings: Array<{ campaign: string }> | null, psadCases: Array<{ id: string, status: CaseStatus, followerName: string }> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PersonPageQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonPageQuery = { young: { id: string, firstName: string | null, lastName: string | null, birthDate: string | null, age: number | null, sex: Sex | null, commune: string | null, ine: string | null, bassin: { code: string, name: string } | null, contact: { phone: string | null, email: string | null, address: string | null } | null, sieiListings: Array<{ id: string, campaign: string, detectedOn: string, lastSchoolName: string, lastClass: string, diploma: Diploma }> | null, psadCases: Array<{ id: string, campaign: string, status: CaseStatus, followerName: string, openedOn: string, closedOn: string | null, version: number, allowedTransitions: Array<CaseStatus>, contacts: Array<{ id: string, at: string, channel: ContactChannel, outcome: ContactOutcome }> }> | null, missionsLocalesFollowUps: Array<{ id: string, partner: Partner, programme: string, status: FollowUpStatus, openedOn: string, closedOn: string | null, organisation: { name: string } }> | null, e2cFollowUps: Array<{ id: string, partner: Partner, programme: string, status: FollowUpStatus, openedOn: string, closedOn: string | null, organisation: { name: string } }> | null, cfaFollowUps: Array<{ id: string, partner: Partner, programme: string, status: FollowUpStatus, openedOn: string, closedOn: string | null, organisation: { name: string } }> | null, agricultureFollowUps: Array<{ id: string, partner: Partner, programme: string, status: FollowUpStatus, openedOn: string, closedOn: string | null, organisation: { name: string } }> | null, educationNationalePlaceReservations: Array<{ id: string, status: PlaceReservationStatus, reservedAt: string, offer: { id: string, partner: Partner, title: string, provider: string } }> | null, missionsLocalesPlaceReservations: Array<{ id: string, status: PlaceReservationStatus, reservedAt: string, offer: { id: string, partner: Partner, title: string, provider: string } }> | null, e2cPlaceReservations: Array<{ id: string, status: PlaceReservationStatus, reservedAt: string, offer: { id: string, partner: Partner, title: string, provider: string } }> | null, cfaPlaceReservations: Array<{ id: string, status: PlaceReservationStatus, reservedAt: string, offer: { id: string, partner: Partner, title: string, provider: string } }> | null, agriculturePlaceReservations: Array<{ id: string, status: PlaceReservationStatus, reservedAt: string, offer: { id: string, partner: Partner, title: string, provider: string } }> | null, trajectory: Array<{ id: string, partner: Partner, at: string, kind: TrajectoryEventKind, summary: string }> | null } | null };

export type FollowUpFieldsFragment = { id: string, partner: Partner, programme: string, status: FollowUpStatus, openedOn: string, closedOn: string | null, organisation: { name: string } };

export type ReservationFieldsFragment = { id: string, status: PlaceReservationStatus, reservedAt: string, offer: { id: string, partner: Partner, title: string, provider: string } };

export type SuggestionsQueryVariables = Exact<{
  id: string | number;
}>;


export type SuggestionsQuery = { young: { id: string, suggestedOffers: Array<{ score: number, distanceKm: number | null, offer: { id: string, partner: Partner, title: string, provider: string, commune: string, vacancies: number, capacity: number, startsOn: string }, reasons: Array<{ code: SuggestionReasonCode, summary: string }> }> | null } | null };

export type OpenCaseMutationVariables = Exact<{
  input: OpenPsadCaseInput;
  key?: string | null | undefined;
}>;


export type OpenCaseMutation = { openPsadCase: { id: string, status: CaseStatus, version: number } };

export type RecordContactMutationVariables = Exact<{
  input: RecordContactAttemptInput;
  key?: string | null | undefined;
}>;


export type RecordContactMutation = { recordContactAttempt: { id: string, version: number } };

export type TransitionCaseMutationVariables = Exact<{
  input: TransitionPsadCaseInput;
  key?: string | null | undefined;
}>;


export type TransitionCaseMutation = { transitionPsadCase: { id: string, status: CaseStatus, version: number } };

export type ReserveEducationNationaleMutationVariables = Exact<{
  input: ReservePlaceInput;
  key?: string | null | undefined;
}>;


export type ReserveEducationNationaleMutation = { educationNationaleReservePlace: { id: string, status: PlaceReservationStatus } };

export type ReserveMissionsLocalesMutationVariables = Exact<{
  input: ReservePlaceInput;
  key?: string | null | undefined;
}>;


export type ReserveMissionsLocalesMutation = { missionsLocalesReservePlace: { id: string, status: PlaceReservationStatus } };

export type ReserveE2cMutationVariables = Exact<{
  input: ReservePlaceInput;
  key?: string | null | undefined;
}>;


export type ReserveE2cMutation = { e2cReservePlace: { id: string, status: PlaceReservationStatus } };

export type ReserveCfaMutationVariables = Exact<{
  input: ReservePlaceInput;
  key?: string | null | undefined;
}>;


export type ReserveCfaMutation = { cfaReservePlace: { id: string, status: PlaceReservationStatus } };

export type ReserveAgricultureMutationVariables = Exact<{
  input: ReservePlaceInput;
  key?: string | null | undefined;
}>;


export type ReserveAgricultureMutation = { agricultureReservePlace: { id: string, status: PlaceReservationStatus } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const FollowUpFieldsFragmentDoc = new TypedDocumentString(`
    fragment FollowUpFields on FollowUp {
  id
  partner
  programme
  status
  openedOn
  closedOn
  organisation {
    name
  }
}
    `, {"fragmentName":"FollowUpFields"}) as unknown as TypedDocumentString<FollowUpFieldsFragment, unknown>;
export const ReservationFieldsFragmentDoc = new TypedDocumentString(`
    fragment ReservationFields on PlaceReservation {
  id
  status
  reservedAt
  offer {
    id
    partner
    title
    provider
  }
}
    `, {"fragmentName":"ReservationFields"}) as unknown as TypedDocumentString<ReservationFieldsFragment, unknown>;
export const CaseloadDocument = new TypedDocumentString(`
    query Caseload($filter: YoungFilter, $first: Int!, $after: String) {
  youngs(filter: $filter, first: $first, after: $after) {
    totalCount
    nodes {
      id
      firstName
      lastName
      age
      bassin {
        code
        name
      }
      sieiListings {
        campaign
      }
      psadCases {
        id
        status
        followerName
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `, {"hash":"sha256:4de67ad214da38b8c1d51235bc185f15db3a51076d6c349175e265d32f101ca3"}) as unknown as TypedDocumentString<CaseloadQuery, CaseloadQueryVariables>;
export const PersonPageDocument = new TypedDocumentString(`
    query PersonPage($id: ID!) {
  young(id: $id) {
    id
    firstName
    lastName
    birthDate
    age
    sex
    commune
    ine
    bassin {
      code
      name
    }
    contact {
      phone
      email
      address
    }
    sieiListings {
      id
      campaign
      detectedOn
      lastSchoolName
      lastClass
      diploma
    }
    psadCases {
      id
      campaign
      status
      followerName
      openedOn
      closedOn
      version
      allowedTransitions
      contacts {
        id
        at
        channel
        outcome
      }
    }
    missionsLocalesFollowUps {
      ...FollowUpFields
    }
    e2cFollowUps {
      ...FollowUpFields
    }
    cfaFollowUps {
      ...FollowUpFields
    }
    agricultureFollowUps {
      ...FollowUpFields
    }
    educationNationalePlaceReservations {
      ...ReservationFields
    }
    missionsLocalesPlaceReservations {
      ...ReservationFields
    }
    e2cPlaceReservations {
      ...ReservationFields
    }
    cfaPlaceReservations {
      ...ReservationFields
    }
    agriculturePlaceReservations {
      ...ReservationFields
    }
    trajectory {
      id
      partner
      at
      kind
      summary
    }
  }
}
    fragment FollowUpFields on FollowUp {
  id
  partner
  programme
  status
  openedOn
  closedOn
  organisation {
    name
  }
}
fragment ReservationFields on PlaceReservation {
  id
  status
  reservedAt
  offer {
    id
    partner
    title
    provider
  }
}`, {"hash":"sha256:29b7794e3381f1749177231981247a2dc1481ad87c97d58cff652105bd26e3bb"}) as unknown as TypedDocumentString<PersonPageQuery, PersonPageQueryVariables>;
export const SuggestionsDocument = new TypedDocumentString(`
    query Suggestions($id: ID!) {
  young(id: $id) {
    id
    suggestedOffers(first: 5) {
      score
      distanceKm
      offer {
        id
        partner
        title
        provider
        commune
        vacancies
        capacity
        startsOn
      }
      reasons {
        code
        summary
      }
    }
  }
}
    `, {"hash":"sha256:bcf29edf18aa8fce47bc53e60550af7c956aec0d16935dd86749b5ae4a7bd75e"}) as unknown as TypedDocumentString<SuggestionsQuery, SuggestionsQueryVariables>;
export const OpenCaseDocument = new TypedDocumentString(`
    mutation OpenCase($input: OpenPsadCaseInput!, $key: String) {
  openPsadCase(input: $input, idempotencyKey: $key) {
    id
    status
    version
  }
}
    `, {"hash":"sha256:9dc73b91636ad0aa2dfcbd6411b00ac4f0c8ea19364399e91943ce1b6002bcad"}) as unknown as TypedDocumentString<OpenCaseMutation, OpenCaseMutationVariables>;
export const RecordContactDocument = new TypedDocumentString(`
    mutation RecordContact($input: RecordContactAttemptInput!, $key: String) {
  recordContactAttempt(input: $input, idempotencyKey: $key) {
    id
    version
  }
}
    `, {"hash":"sha256:b78345a0595549a90b391ea94b930f3c0b68c8d57fa30ce064d6f4ac7ad74fbd"}) as unknown as TypedDocumentString<RecordContactMutation, RecordContactMutationVariables>;
export const TransitionCaseDocument = new TypedDocumentString(`
    mutation TransitionCase($input: TransitionPsadCaseInput!, $key: String) {
  transitionPsadCase(input: $input, idempotencyKey: $key) {
    id
    status
    version
  }
}
    `, {"hash":"sha256:fae9a4df96e17cf1615f0e4b98ec3fed1fd67872a42f45e010317e8ee2aa47f0"}) as unknown as TypedDocumentString<TransitionCaseMutation, TransitionCaseMutationVariables>;
export const ReserveEducationNationaleDocument = new TypedDocumentString(`
    mutation ReserveEducationNationale($input: ReservePlaceInput!, $key: String) {
  educationNationaleReservePlace(input: $input, idempotencyKey: $key) {
    id
    status
  }
}
    `, {"hash":"sha256:2e539df6168954e03f239c4cf91946dd1df7ec17d0a88a4888badfad69db6f9a"}) as unknown as TypedDocumentString<ReserveEducationNationaleMutation, ReserveEducationNationaleMutationVariables>;
export const ReserveMissionsLocalesDocument = new TypedDocumentString(`
    mutation ReserveMissionsLocales($input: ReservePlaceInput!, $key: String) {
  missionsLocalesReservePlace(input: $input, idempotencyKey: $key) {
    id
    status
  }
}
    `, {"hash":"sha256:6af92cac23b0000b5a6dc230d8b4a3a82bc18570980e265b8606c3d39e4c1323"}) as unknown as TypedDocumentString<ReserveMissionsLocalesMutation, ReserveMissionsLocalesMutationVariables>;
export const ReserveE2cDocument = new TypedDocumentString(`
    mutation ReserveE2c($input: ReservePlaceInput!, $key: String) {
  e2cReservePlace(input: $input, idempotencyKey: $key) {
    id
    status
  }
}
    `, {"hash":"sha256:36cec6064decfaa5aa6a5837821ff89c802b553f02a01cca57fb2a70831e543e"}) as unknown as TypedDocumentString<ReserveE2cMutation, ReserveE2cMutationVariables>;
export const ReserveCfaDocument = new TypedDocumentString(`
    mutation ReserveCfa($input: ReservePlaceInput!, $key: String) {
  cfaReservePlace(input: $input, idempotencyKey: $key) {
    id
    status
  }
}
    `, {"hash":"sha256:10363ab1dac0614f4ace455e67f9f868d6ff07efbb17a3ca9d17c41ee72758b5"}) as unknown as TypedDocumentString<ReserveCfaMutation, ReserveCfaMutationVariables>;
export const ReserveAgricultureDocument = new TypedDocumentString(`
    mutation ReserveAgriculture($input: ReservePlaceInput!, $key: String) {
  agricultureReservePlace(input: $input, idempotencyKey: $key) {
    id
    status
  }
}
    `, {"hash":"sha256:192f86965e9eb6f2a74c73054015737df827ba9c31c7456ae827624d83eedbc2"}) as unknown as TypedDocumentString<ReserveAgricultureMutation, ReserveAgricultureMutationVariables>;