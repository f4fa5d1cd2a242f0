/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Caseload($filter: YoungFilter, $first: Int!, $after: String) {\n    youngs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        firstName\n        lastName\n        age\n        bassin {\n          code\n          name\n        }\n        sieiListings {\n          campaign\n        }\n        psadCases {\n          id\n          status\n          followerName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.CaseloadDocument,
    "\n  query PersonPage($id: ID!) {\n    young(id: $id) {\n      id\n      firstName\n      lastName\n      birthDate\n      age\n      sex\n      commune\n      ine\n      bassin {\n        code\n        name\n      }\n      contact {\n        phone\n        email\n        address\n      }\n      sieiListings {\n        id\n        campaign\n        detectedOn\n        lastSchoolName\n        lastClass\n        diploma\n      }\n      psadCases {\n        id\n        campaign\n        status\n        followerName\n        openedOn\n        closedOn\n        version\n        allowedTransitions\n        contacts {\n          id\n          at\n          channel\n          outcome\n        }\n      }\n      missionsLocalesFollowUps {\n        ...FollowUpFields\n      }\n      e2cFollowUps {\n        ...FollowUpFields\n      }\n      cfaFollowUps {\n        ...FollowUpFields\n      }\n      agricultureFollowUps {\n        ...FollowUpFields\n      }\n      educationNationalePlaceReservations {\n        ...ReservationFields\n      }\n      missionsLocalesPlaceReservations {\n        ...ReservationFields\n      }\n      e2cPlaceReservations {\n        ...ReservationFields\n      }\n      cfaPlaceReservations {\n        ...ReservationFields\n      }\n      agriculturePlaceReservations {\n        ...ReservationFields\n      }\n      trajectory {\n        id\n        partner\n        at\n        kind\n        summary\n      }\n    }\n  }\n\n  fragment FollowUpFields on FollowUp {\n    id\n    partner\n    programme\n    status\n    openedOn\n    closedOn\n    organisation {\n      name\n    }\n  }\n\n  fragment ReservationFields on PlaceReservation {\n    id\n    status\n    reservedAt\n    offer {\n      id\n      partner\n      title\n      provider\n    }\n  }\n": typeof types.PersonPageDocument,
    "\n  query Suggestions($id: ID!) {\n    young(id: $id) {\n      id\n      suggestedOffers(first: 5) {\n        score\n        distanceKm\n        offer {\n          id\n          partner\n          title\n          provider\n          commune\n          vacancies\n          capacity\n          startsOn\n        }\n        reasons {\n          code\n          summary\n        }\n      }\n    }\n  }\n": typeof types.SuggestionsDocument,
    "\n  mutation OpenCase($input: OpenPsadCaseInput!, $key: String) {\n    openPsadCase(input: $input, idempotencyKey: $key) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.OpenCaseDocument,
    "\n  mutation RecordContact($input: RecordContactAttemptInput!, $key: String) {\n    recordContactAttempt(input: $input, idempotencyKey: $key) {\n      id\n      version\n    }\n  }\n": typeof types.RecordContactDocument,
    "\n  mutation TransitionCase($input: TransitionPsadCaseInput!, $key: String) {\n    transitionPsadCase(input: $input, idempotencyKey: $key) {\n      id\n      status\n      version\n    }\n  }\n": typeof types.TransitionCaseDocument,
    "\n  mutation ReserveEducationNationale($input: ReservePlaceInput!, $key: String) {\n    educationNationaleReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": typeof types.ReserveEducationNationaleDocument,
    "\n  mutation ReserveMissionsLocales($input: ReservePlaceInput!, $key: String) {\n    missionsLocalesReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": typeof types.ReserveMissionsLocalesDocument,
    "\n  mutation ReserveE2c($input: ReservePlaceInput!, $key: String) {\n    e2cReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": typeof types.ReserveE2cDocument,
    "\n  mutation ReserveCfa($input: ReservePlaceInput!, $key: String) {\n    cfaReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": typeof types.ReserveCfaDocument,
    "\n  mutation ReserveAgriculture($input: ReservePlaceInput!, $key: String) {\n    agricultureReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": typeof types.ReserveAgricultureDocument,
};
const documents: Documents = {
    "\n  query Caseload($filter: YoungFilter, $first: Int!, $after: String) {\n    youngs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        firstName\n        lastName\n        age\n        bassin {\n          code\n          name\n        }\n        sieiListings {\n          campaign\n        }\n        psadCases {\n          id\n          status\n          followerName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.CaseloadDocument,
    "\n  query PersonPage($id: ID!) {\n    young(id: $id) {\n      id\n      firstName\n      lastName\n      birthDate\n      age\n      sex\n      commune\n      ine\n      bassin {\n        code\n        name\n      }\n      contact {\n        phone\n        email\n        address\n      }\n      sieiListings {\n        id\n        campaign\n        detectedOn\n        lastSchoolName\n        lastClass\n        diploma\n      }\n      psadCases {\n        id\n        campaign\n        status\n        followerName\n        openedOn\n        closedOn\n        version\n        allowedTransitions\n        contacts {\n          id\n          at\n          channel\n          outcome\n        }\n      }\n      missionsLocalesFollowUps {\n        ...FollowUpFields\n      }\n      e2cFollowUps {\n        ...FollowUpFields\n      }\n      cfaFollowUps {\n        ...FollowUpFields\n      }\n      agricultureFollowUps {\n        ...FollowUpFields\n      }\n      educationNationalePlaceReservations {\n        ...ReservationFields\n      }\n      missionsLocalesPlaceReservations {\n        ...ReservationFields\n      }\n      e2cPlaceReservations {\n        ...ReservationFields\n      }\n      cfaPlaceReservations {\n        ...ReservationFields\n      }\n      agriculturePlaceReservations {\n        ...ReservationFields\n      }\n      trajectory {\n        id\n        partner\n        at\n        kind\n        summary\n      }\n    }\n  }\n\n  fragment FollowUpFields on FollowUp {\n    id\n    partner\n    programme\n    status\n    openedOn\n    closedOn\n    organisation {\n      name\n    }\n  }\n\n  fragment ReservationFields on PlaceReservation {\n    id\n    status\n    reservedAt\n    offer {\n      id\n      partner\n      title\n      provider\n    }\n  }\n": types.PersonPageDocument,
    "\n  query Suggestions($id: ID!) {\n    young(id: $id) {\n      id\n      suggestedOffers(first: 5) {\n        score\n        distanceKm\n        offer {\n          id\n          partner\n          title\n          provider\n          commune\n          vacancies\n          capacity\n          startsOn\n        }\n        reasons {\n          code\n          summary\n        }\n      }\n    }\n  }\n": types.SuggestionsDocument,
    "\n  mutation OpenCase($input: OpenPsadCaseInput!, $key: String) {\n    openPsadCase(input: $input, idempotencyKey: $key) {\n      id\n      status\n      version\n    }\n  }\n": types.OpenCaseDocument,
    "\n  mutation RecordContact($input: RecordContactAttemptInput!, $key: String) {\n    recordContactAttempt(input: $input, idempotencyKey: $key) {\n      id\n      version\n    }\n  }\n": types.RecordContactDocument,
    "\n  mutation TransitionCase($input: TransitionPsadCaseInput!, $key: String) {\n    transitionPsadCase(input: $input, idempotencyKey: $key) {\n      id\n      status\n      version\n    }\n  }\n": types.TransitionCaseDocument,
    "\n  mutation ReserveEducationNationale($input: ReservePlaceInput!, $key: String) {\n    educationNationaleReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": types.ReserveEducationNationaleDocument,
    "\n  mutation ReserveMissionsLocales($input: ReservePlaceInput!, $key: String) {\n    missionsLocalesReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": types.ReserveMissionsLocalesDocument,
    "\n  mutation ReserveE2c($input: ReservePlaceInput!, $key: String) {\n    e2cReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": types.ReserveE2cDocument,
    "\n  mutation ReserveCfa($input: ReservePlaceInput!, $key: String) {\n    cfaReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": types.ReserveCfaDocument,
    "\n  mutation ReserveAgriculture($input: ReservePlaceInput!, $key: String) {\n    agricultureReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n": types.ReserveAgricultureDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Caseload($filter: YoungFilter, $first: Int!, $after: String) {\n    youngs(filter: $filter, first: $first, after: $after) {\n      totalCount\n      nodes {\n        id\n        firstName\n        lastName\n        age\n        bassin {\n          code\n          name\n        }\n        sieiListings {\n          campaign\n        }\n        psadCases {\n          id\n          status\n          followerName\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): typeof import('./graphql').CaseloadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PersonPage($id: ID!) {\n    young(id: $id) {\n      id\n      firstName\n      lastName\n      birthDate\n      age\n      sex\n      commune\n      ine\n      bassin {\n        code\n        name\n      }\n      contact {\n        phone\n        email\n        address\n      }\n      sieiListings {\n        id\n        campaign\n        detectedOn\n        lastSchoolName\n        lastClass\n        diploma\n      }\n      psadCases {\n        id\n        campaign\n        status\n        followerName\n        openedOn\n        closedOn\n        version\n        allowedTransitions\n        contacts {\n          id\n          at\n          channel\n          outcome\n        }\n      }\n      missionsLocalesFollowUps {\n        ...FollowUpFields\n      }\n      e2cFollowUps {\n        ...FollowUpFields\n      }\n      cfaFollowUps {\n        ...FollowUpFields\n      }\n      agricultureFollowUps {\n        ...FollowUpFields\n      }\n      educationNationalePlaceReservations {\n        ...ReservationFields\n      }\n      missionsLocalesPlaceReservations {\n        ...ReservationFields\n      }\n      e2cPlaceReservations {\n        ...ReservationFields\n      }\n      cfaPlaceReservations {\n        ...ReservationFields\n      }\n      agriculturePlaceReservations {\n        ...ReservationFields\n      }\n      trajectory {\n        id\n        partner\n        at\n        kind\n        summary\n      }\n    }\n  }\n\n  fragment FollowUpFields on FollowUp {\n    id\n    partner\n    programme\n    status\n    openedOn\n    closedOn\n    organisation {\n      name\n    }\n  }\n\n  fragment ReservationFields on PlaceReservation {\n    id\n    status\n    reservedAt\n    offer {\n      id\n      partner\n      title\n      provider\n    }\n  }\n"): typeof import('./graphql').PersonPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggestions($id: ID!) {\n    young(id: $id) {\n      id\n      suggestedOffers(first: 5) {\n        score\n        distanceKm\n        offer {\n          id\n          partner\n          title\n          provider\n          commune\n          vacancies\n          capacity\n          startsOn\n        }\n        reasons {\n          code\n          summary\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SuggestionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenCase($input: OpenPsadCaseInput!, $key: String) {\n    openPsadCase(input: $input, idempotencyKey: $key) {\n      id\n      status\n      version\n    }\n  }\n"): typeof import('./graphql').OpenCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordContact($input: RecordContactAttemptInput!, $key: String) {\n    recordContactAttempt(input: $input, idempotencyKey: $key) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').RecordContactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransitionCase($input: TransitionPsadCaseInput!, $key: String) {\n    transitionPsadCase(input: $input, idempotencyKey: $key) {\n      id\n      status\n      version\n    }\n  }\n"): typeof import('./graphql').TransitionCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveEducationNationale($input: ReservePlaceInput!, $key: String) {\n    educationNationaleReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReserveEducationNationaleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveMissionsLocales($input: ReservePlaceInput!, $key: String) {\n    missionsLocalesReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReserveMissionsLocalesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveE2c($input: ReservePlaceInput!, $key: String) {\n    e2cReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReserveE2cDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveCfa($input: ReservePlaceInput!, $key: String) {\n    cfaReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReserveCfaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReserveAgriculture($input: ReservePlaceInput!, $key: String) {\n    agricultureReservePlace(input: $input, idempotencyKey: $key) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReserveAgricultureDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
