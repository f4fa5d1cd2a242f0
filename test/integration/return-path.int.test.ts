/**
 * One young person's return path, driven only by GraphQL calls to the gateway, as the README's
 * walkthrough tells it: a PSAD coordinator opens the case of a listed 16-year-old, reaches them and
 * has the initial review done; the FOQUALE network of the bassin opens the contract and names a
 * tutor; the coordinator picks one of the suggested offers and reserves the place; the network
 * records it as the solution and collects the three signatures (a minor's needs the family's);
 * the coordinator refers the person to the partner running the offer (a fiche de liaison), which
 * accepts and opens its follow-up; the case goes "in solution". Every step shows
 * in the person's trajectory, from every partner involved.
 */
import { randomUUID } from 'node:crypto';
import { stepsOf, type DemoOrganisation, type DemoWorld, type DemoYoung } from '../../demo/world';
import { SUBGRAPHS, type SubgraphName } from '../../platform/partners';
import type { Role } from '../../platform/auth/claims';
import { ageAt, parisDay } from '../../platform/calendar';
import { startTestHub, type GraphQLAnswer, type TestHub } from '../harness';

let hub: TestHub;
let world: DemoWorld;
let person: DemoYoung;
let campaign: string;

/** The partners whose offers a follow-up can be opened on, and the role of their staff. */
const FOLLOWING_PARTNERS: Partial<Record<SubgraphName, Role>> = {
  'missions-locales': 'ml-advisor',
  e2c: 'e2c-staff',
  cfa: 'cfa-staff',
  agriculture: 'agri-staff',
};

beforeAll(async () => {
  hub = await startTestHub();
  world = hub.stack.world!;
  // A 16-year-old on a SIEI list for which the PSAD has no case yet, with no FOQUALE contract, in a bassin
  // with an MLDS and a lycée professionnel.
  const found = world.youngs
    .filter(
      (young) => ageAt(young.birthDate, new Date()) === 16 && stepsOf(young, 'foquale-contract').length === 0,
    )
    .filter(
      (young) => organisation(young.bassin, 'MLDS') && organisation(young.bassin, 'LYCEE_PROFESSIONNEL'),
    )
    .flatMap((young) => {
      const withCase = new Set(stepsOf(young, 'psad-case').map((step) => step.campaign));
      const listing = stepsOf(young, 'siei-listing').find((step) => !withCase.has(step.campaign));
      return listing ? [{ young, campaign: listing.campaign }] : [];
    })[0];
  expect(found).toBeDefined();
  ({ young: person, campaign } = found!);
});

afterAll(async () => {
  await hub?.stop();
});

function organisation(bassin: string, kind: DemoOrganisation['kind']): DemoOrganisation | undefined {
  return world.organisations.find((candidate) => candidate.bassin === bassin && candidate.kind === kind);
}

/** The mutation's own answer; fails the test with the errors when there are any. */
function answerOf<T = Record<string, any>>(answer: GraphQLAnswer, field: string): T {
  expect(answer.errors).toBeUndefined();
  return answer.data![field] as T;
}

describe('a return path, from the SIEI list to a solution, through the gateway only', () => {
  const today = parisDay(new Date());
  const key = () => randomUUID();
  let coordinator: string;
  let network: string;
  let caseId: string;
  let caseVersion: number;
  let contractId: string;
  let contractVersion: number;
  let offer: { id: string; partner: string; title: string; vacancies: number };
  let offerSubgraph: SubgraphName;

  beforeAll(async () => {
    coordinator = await hub.tokenFor({
      role: 'psad-coordinator',
      org: `PSAD-${person.bassin}`,
      territories: [person.bassin],
      sub: 'coordinatrice-psad',
    });
    network = await hub.tokenFor({
      role: 'foquale-network',
      org: organisation(person.bassin, 'MLDS')!.code,
      territories: [person.bassin],
      sub: 'responsable-foquale',
    });
  });

  const transition = async (to: string, reason: string) => {
    const moved = answerOf<{ status: string; version: number }>(
      await hub.query(
        `mutation ($input: TransitionPsadCaseInput!, $key: String) { transitionPsadCase(input: $input, idempotencyKey: $key) { status version } }`,
        { input: { youngId: person.id, caseId, to, reason, expectedVersion: caseVersion }, key: key() },
        { token: coordinator },
      ),
      'transitionPsadCase',
    );
    expect(moved).toEqual({ status: to, version: caseVersion + 1 });
    caseVersion = moved.version;
  };

  const contractStep = async (mutation: string, inputType: string, input: Record<string, unknown>) => {
    const contract = answerOf<{ version: number; state: string; signedOn: string | null }>(
      await hub.query(
        `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { version state signedOn } }`,
        { input: { youngId: person.id, contractId, expectedVersion: contractVersion, ...input } },
        { token: network },
      ),
      mutation,
    );
    expect(contract.version).toBe(contractVersion + 1);
    contractVersion = contract.version;
    return contract;
  };

  it('1. the coordinator opens the case of a listed young person', async () => {
    const opened = answerOf<{ id: string; status: string; version: number }>(
      await hub.query(
        `mutation ($input: OpenPsadCaseInput!, $key: String) { openPsadCase(input: $input, idempotencyKey: $key) { id status version } }`,
        { input: { youngId: person.id, campaign }, key: key() },
        { token: coordinator },
      ),
      'openPsadCase',
    );
    expect(opened).toMatchObject({ status: 'TO_CONTACT', version: 1 });
    ({ id: caseId, version: caseVersion } = opened);
  });

  it('2. reaches them at the second call, and has the initial review done', async () => {
    for (const [minutesAgo, outcome] of [
      [90, 'NO_ANSWER'],
      [30, 'REACHED'],
    ] as const) {
      const recorded = answerOf<{ version: number }>(
        await hub.query(
          `mutation ($input: RecordContactAttemptInput!, $key: String) { recordContactAttempt(input: $input, idempotencyKey: $key) { version } }`,
          {
            input: {
              youngId: person.id,
              caseId,
              at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
              channel: 'PHONE',
              outcome,
              note: 'Appel au numéro de la famille',
            },
            key: key(),
          },
          { token: coordinator },
        ),
        'recordContactAttempt',
      );
      caseVersion = recorded.version;
    }
    await transition('CONTACTED', 'Joint(e) par téléphone, rendez-vous au CIO');
    await transition('REVIEW_DONE', 'Entretien de situation avec la PsyEN et la MLDS');
  });

  it('3. the FOQUALE network opens the contract and names a tutor in a lycée professionnel', async () => {
    const opened = answerOf<{ id: string; version: number; state: string }>(
      await hub.query(
        `mutation ($input: OpenFoqualeContractInput!, $key: String) { openFoqualeContract(input: $input, idempotencyKey: $key) { id version state } }`,
        {
          input: {
            youngId: person.id,
            initialReviewOn: today,
            needs: 'Reprendre confiance, découvrir des métiers',
            skills: 'À l’aise à l’oral',
            level: 'Fin de seconde professionnelle',
          },
          key: key(),
        },
        { token: network },
      ),
      'openFoqualeContract',
    );
    ({ id: contractId, version: contractVersion } = opened);
    const tutorSchool = organisation(person.bassin, 'LYCEE_PROFESSIONNEL')!;
    expect(
      (
        await contractStep('assignFoqualeTutor', 'AssignFoqualeTutorInput', {
          tutorName: 'Claire Morel',
          tutorOrganisation: tutorSchool.code,
        })
      ).state,
    ).toBe('IN_PREPARATION');
  });

  it('4. the coordinator picks a suggested offer of a partner and reserves the place', async () => {
    const suggested = await hub.query(
      `query ($id: ID!) { young(id: $id) { suggestedOffers(first: 20) { score offer { id partner title vacancies } reasons { code } } } }`,
      { id: person.id },
      { token: coordinator },
    );
    expect(suggested.errors).toBeUndefined();
    const suggestions: { offer: typeof offer }[] = suggested.data!.young.suggestedOffers;
    const chosen = suggestions.find(
      (suggestion) => FOLLOWING_PARTNERS[suggestion.offer.id.split(':')[0] as SubgraphName],
    );
    expect(chosen).toBeDefined();
    offer = chosen!.offer;
    offerSubgraph = offer.id.split(':')[0] as SubgraphName;
    const mutation = `${SUBGRAPHS[offerSubgraph].fieldPrefix}ReservePlace`;
    const reservation = answerOf<{ status: string; offer: { id: string; vacancies: number } }>(
      await hub.query(
        `mutation ($input: ReservePlaceInput!, $key: String) { ${mutation}(input: $input, idempotencyKey: $key) { status offer { id vacancies } } }`,
        { input: { youngId: person.id, offerId: offer.id }, key: key() },
        { token: coordinator },
      ),
      mutation,
    );
    expect(reservation).toEqual({
      status: 'RESERVED',
      offer: { id: offer.id, vacancies: offer.vacancies - 1 },
    });
  });

  it('5. the network records the offer as the solution; the coordinator proposes it', async () => {
    expect(
      (
        await contractStep('chooseFoqualeSolution', 'ChooseFoqualeSolutionInput', {
          solution: offer.title,
          solutionOfferId: offer.id,
        })
      ).state,
    ).toBe('READY_TO_SIGN');
    await transition('SOLUTION_PROPOSED', 'Place réservée, proposée au jeune et à sa famille');
  });

  it('6. tutor, young person and family sign: a minor’s contract is in force with the family’s signature only', async () => {
    expect(
      await contractStep('signFoqualeContract', 'SignFoqualeContractInput', {
        signatory: 'TUTOR',
        signedOn: today,
      }),
    ).toMatchObject({ state: 'BEING_SIGNED', signedOn: null });
    expect(
      await contractStep('signFoqualeContract', 'SignFoqualeContractInput', {
        signatory: 'YOUNG_PERSON',
        signedOn: today,
      }),
    ).toMatchObject({ state: 'BEING_SIGNED', signedOn: null });
    expect(
      await contractStep('signFoqualeContract', 'SignFoqualeContractInput', {
        signatory: 'FAMILY',
        signedOn: today,
      }),
    ).toMatchObject({ state: 'IN_FORCE', signedOn: today });
  });

  it('7. the coordinator refers the person to the partner running the offer, which accepts and opens its follow-up; the case goes "in solution"', async () => {
    const [{ code }]: { code: string }[] = await hub.stack.subgraphs[offerSubgraph].dataSource.query(
      'SELECT organisation.code FROM offer JOIN organisation ON organisation.id = offer.organisation_id WHERE offer.id = $1',
      [offer.id.split(':')[1]],
    );
    const staff = await hub.tokenFor({
      role: FOLLOWING_PARTNERS[offerSubgraph]!,
      org: code,
      territories: [person.bassin],
      sub: 'accueil-partenaire',
    });
    // The fiche de liaison: the coordinator refers the person to the partner's organisation, which accepts.
    // That accepted referral is the partner's grounds to begin following them.
    const referral = answerOf<{ id: string; status: string }>(
      await hub.query(
        `mutation ($input: ReferYoungInput!, $key: String) { referYoung(input: $input, idempotencyKey: $key) { id status } }`,
        { input: { youngId: person.id, toOrganisation: code, reason: 'RETURN_TO_SCHOOL' }, key: key() },
        { token: coordinator },
      ),
      'referYoung',
    );
    expect(referral.status).toBe('PROPOSED');
    const accepted = answerOf<{ status: string }>(
      await hub.query(
        `mutation ($input: DecideReferralInput!) { acceptReferral(input: $input) { status } }`,
        { input: { youngId: person.id, referralId: referral.id } },
        { token: staff },
      ),
      'acceptReferral',
    );
    expect(accepted.status).toBe('ACCEPTED');
    const mutation = `${SUBGRAPHS[offerSubgraph].fieldPrefix}OpenFollowUp`;
    const followUp = answerOf<{ status: string }>(
      await hub.query(
        `mutation ($input: OpenFollowUpInput!, $key: String) { ${mutation}(input: $input, idempotencyKey: $key) { status } }`,
        {
          input: {
            youngId: person.id,
            programme: offer.title.slice(0, 120),
            openedOn: today,
            offerId: offer.id,
          },
          key: key(),
        },
        { token: staff },
      ),
      mutation,
    );
    expect(followUp.status).toBe('OPEN');
    await transition('IN_SOLUTION', 'Entrée en formation confirmée par le partenaire');
  });

  it('8. the trajectory shows every step, from every partner involved, in time order', async () => {
    const self = await hub.tokenFor({ role: 'young', sub: person.id, org: 'SELF', territories: [] });
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { trajectory { at partner kind summary } } }`,
      { id: person.id },
      { token: self },
    );
    expect(answer.errors).toBeUndefined();
    const events: { at: string; partner: string; kind: string; summary: string }[] =
      answer.data!.young.trajectory;
    const partner = SUBGRAPHS[offerSubgraph].partner;
    const steps = events.map((event) => `${event.partner} ${event.kind}`);
    for (const step of [
      'PSAD SIEI_LISTING',
      'PSAD CASE_OPENED',
      'PSAD CONTACT_ATTEMPT',
      'PSAD CASE_STATUS_CHANGED',
      'EDUCATION_NATIONALE INITIAL_REVIEW',
      'EDUCATION_NATIONALE FOQUALE_TUTOR_ASSIGNED',
      `${partner} PLACE_RESERVED`,
      'EDUCATION_NATIONALE FOQUALE_SOLUTION_CHOSEN',
      'EDUCATION_NATIONALE FOQUALE_CONTRACT_SIGNED',
      'PSAD REFERRAL_MADE',
      'PSAD REFERRAL_ACCEPTED',
      `${partner} FOLLOW_UP_OPENED`,
    ]) {
      expect(steps).toContain(step);
    }
    expect(steps.filter((step) => step === 'PSAD CONTACT_ATTEMPT').length).toBeGreaterThanOrEqual(2);
    expect(
      events.filter((event) => event.kind === 'CASE_STATUS_CHANGED').map((event) => event.summary),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('contacté'),
        expect.stringContaining('bilan réalisé'),
        expect.stringContaining('solution proposée'),
        expect.stringContaining('en solution'),
      ]),
    );
    expect(events.find((event) => event.kind === 'PLACE_RESERVED')!.summary).toContain(offer.title);
    const times = events.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('9. the coordinator sees the case closed in solution and the partners’ steps; the contract stays the network’s business', async () => {
    const answer = await hub.query(
      `query ($id: ID!) { young(id: $id) { psadCases { id status closedOn } trajectory { partner kind } foqualeContracts { state } } }`,
      { id: person.id },
      { token: coordinator },
    );
    const young = answer.data!.young;
    expect(young.psadCases.find((psadCase: { id: string }) => psadCase.id === caseId)).toMatchObject({
      status: 'IN_SOLUTION',
      closedOn: today,
    });
    expect(
      young.trajectory.map((event: { partner: string; kind: string }) => `${event.partner} ${event.kind}`),
    ).toEqual(
      expect.arrayContaining([
        `${SUBGRAPHS[offerSubgraph].partner} PLACE_RESERVED`,
        `${SUBGRAPHS[offerSubgraph].partner} FOLLOW_UP_OPENED`,
        'PSAD CASE_STATUS_CHANGED',
      ]),
    );
    // Once the case is closed the PSAD no longer follows the person: FOQUALE contracts are withheld, and say
    // so.
    expect(young.foqualeContracts).toBeNull();
    expect(answer.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'FOQUALE_CONTRACT' }),
        }),
      ]),
    );
    const seenByNetwork = await hub.query(
      `query ($id: ID!) { young(id: $id) { foqualeContracts { state solutionOfferId } } }`,
      { id: person.id },
      { token: network },
    );
    expect(seenByNetwork.data!.young.foqualeContracts).toContainEqual({
      state: 'IN_FORCE',
      solutionOfferId: offer.id,
    });
  });
});
