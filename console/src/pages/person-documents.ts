import { graphql } from '../graphql';

/** A person's page: everything the caller may see of them, each partner's share merged by the gateway. */
export const PersonPage = graphql(`
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
  }
`);

export const Suggestions = graphql(`
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
`);

export const OpenCase = graphql(`
  mutation OpenCase($input: OpenPsadCaseInput!, $key: String) {
    openPsadCase(input: $input, idempotencyKey: $key) {
      id
      status
      version
    }
  }
`);

export const RecordContact = graphql(`
  mutation RecordContact($input: RecordContactAttemptInput!, $key: String) {
    recordContactAttempt(input: $input, idempotencyKey: $key) {
      id
      version
    }
  }
`);

export const TransitionCase = graphql(`
  mutation TransitionCase($input: TransitionPsadCaseInput!, $key: String) {
    transitionPsadCase(input: $input, idempotencyKey: $key) {
      id
      status
      version
    }
  }
`);

// A root mutation is served by the offer's partner (its id's prefix): one document per partner.
export const ReserveEducationNationale = graphql(`
  mutation ReserveEducationNationale($input: ReservePlaceInput!, $key: String) {
    educationNationaleReservePlace(input: $input, idempotencyKey: $key) {
      id
      status
    }
  }
`);
export const ReserveMissionsLocales = graphql(`
  mutation ReserveMissionsLocales($input: ReservePlaceInput!, $key: String) {
    missionsLocalesReservePlace(input: $input, idempotencyKey: $key) {
      id
      status
    }
  }
`);
export const ReserveE2c = graphql(`
  mutation ReserveE2c($input: ReservePlaceInput!, $key: String) {
    e2cReservePlace(input: $input, idempotencyKey: $key) {
      id
      status
    }
  }
`);
export const ReserveCfa = graphql(`
  mutation ReserveCfa($input: ReservePlaceInput!, $key: String) {
    cfaReservePlace(input: $input, idempotencyKey: $key) {
      id
      status
    }
  }
`);
export const ReserveAgriculture = graphql(`
  mutation ReserveAgriculture($input: ReservePlaceInput!, $key: String) {
    agricultureReservePlace(input: $input, idempotencyKey: $key) {
      id
      status
    }
  }
`);
