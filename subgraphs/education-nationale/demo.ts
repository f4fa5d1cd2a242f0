import type { EntityManager } from 'typeorm';
import { ADULT_FIRST_NAMES, LAST_NAMES } from '../../demo/names';
import { Random } from '../../demo/random';
import {
  stepsOf,
  type DemoOrganisation,
  type DemoWorld,
  type DemoYoung,
  type OrganisationKind,
} from '../../demo/world';
import { loadOrganisationsAndOffers } from '../../demo/partner-kit-loader';
import { derivedId, insertInChunks } from '../../platform/database/bulk-insert';
import { globalId } from '../../platform/partner-kit/offers';
import { SUBGRAPHS } from '../../platform/partners';
import {
  DropoutSignalRecord,
  EnrolmentRecord,
  FoqualeContractRecord,
  FoqualeNetworkRecord,
  SituationReviewRecord,
} from './entities';
import type { SchoolingRecords } from './events';

/**
 * Éducation nationale's share of the demo world: schools, EN offers, one FOQUALE network per bassin, and the
 * schooling steps of each path.
 */
export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  await loadOrganisationsAndOffers(manager, world, 'education-nationale');
  const networks = foqualeNetworks(world);
  await insertInChunks(manager, FoqualeNetworkRecord, networks);
  const records = schoolingRecords(
    world,
    new Map(networks.map((network) => [network.bassinCode, network.id])),
  );
  await insertInChunks(manager, EnrolmentRecord, records.enrolments);
  await insertInChunks(manager, DropoutSignalRecord, records.signals);
  await insertInChunks(manager, FoqualeContractRecord, records.contracts);
  await insertInChunks(manager, SituationReviewRecord, records.reviews);
}

/**
 * The comité de réseau of circulaire 2013-035: heads of a collège, a LEGT and a LP, the MLDS pilot, the CIO
 * director.
 */
const COMMITTEE_SEATS: { kind: OrganisationKind; role: string }[] = [
  { kind: 'COLLEGE', role: 'chef d’établissement' },
  { kind: 'LYCEE_GENERAL', role: 'chef d’établissement' },
  { kind: 'LYCEE_PROFESSIONNEL', role: 'chef d’établissement' },
  { kind: 'MLDS', role: 'pilote MLDS du bassin' },
  { kind: 'CIO', role: 'directeur de CIO' },
];

/** One network per bassin of the world; its review interval is the database default (six weeks). */
function foqualeNetworks(world: DemoWorld): FoqualeNetworkRecord[] {
  const organisations = world.organisations.filter((o) => o.owner === 'education-nationale');
  return world.territories
    .filter((territory) => territory.kind === 'BASSIN')
    .map((bassin) => {
      // One stream per bassin: every load of the same world names the same staff.
      const random = Random.derive(world.seed, `foquale-network/${bassin.code}`);
      const person = () => `${random.pick(ADULT_FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
      return Object.assign(new FoqualeNetworkRecord(), {
        id: derivedId('foquale-network', bassin.code),
        bassinCode: bassin.code,
        name: `Réseau FOQUALE ${bassin.name}`,
        responsableName: person(),
        committee: committeeOf(
          organisations.filter((o) => o.bassin === bassin.code),
          person,
        ),
      });
    });
}

/** A seat for each kind of member the bassin has, plus the inspection's referent. */
function committeeOf(organisations: DemoOrganisation[], person: () => string): string[] {
  const seats = COMMITTEE_SEATS.flatMap(({ kind, role }) => {
    const organisation = organisations.find((o) => o.kind === kind);
    return organisation ? [`${person()}, ${role} (${organisation.name})`] : [];
  });
  return [...seats, `${person()}, IA-IPR référent de bassin`];
}

function schoolingRecords(world: DemoWorld, networkByBassin: Map<string, string>): SchoolingRecords {
  const offerOwners = new Map(world.offers.map((offer) => [offer.id, offer.owner]));
  const solutionOfferId = (offerId: string): string => {
    const owner = offerOwners.get(offerId);
    if (!owner)
      throw new Error(`A FOQUALE contract names offer ${offerId}, which the demo world does not hold`);
    return globalId(SUBGRAPHS[owner], offerId);
  };
  const networkId = (bassin: string): string => {
    const id = networkByBassin.get(bassin);
    if (!id) throw new Error(`A FOQUALE contract names bassin ${bassin}, which has no network`);
    return id;
  };
  const rows: SchoolingRecords = { enrolments: [], signals: [], contracts: [], reviews: [] };
  for (const young of world.youngs) addSteps(rows, young, networkId, solutionOfferId);
  return rows;
}

function addSteps(
  rows: SchoolingRecords,
  young: DemoYoung,
  networkId: (bassin: string) => string,
  solutionOfferId: (offerId: string) => string,
): void {
  stepsOf(young, 'enrolment').forEach((step, index) => {
    rows.enrolments.push(
      Object.assign(new EnrolmentRecord(), {
        id: derivedId(young.id, `enrolment-${index}`),
        youngId: young.id,
        schoolId: step.schoolId,
        schoolYear: step.schoolYear,
        classLevel: step.classLevel,
        track: step.track,
        startedOn: step.startedOn,
        endedOn: step.endedOn,
        exitReason: step.exitReason,
      }),
    );
  });
  stepsOf(young, 'dropout-signal').forEach((step, index) => {
    rows.signals.push(
      Object.assign(new DropoutSignalRecord(), {
        id: derivedId(young.id, `signal-${index}`),
        youngId: young.id,
        schoolId: step.schoolId,
        signalledOn: step.on,
        reason: step.reason,
        actionTaken: step.action,
      }),
    );
  });
  stepsOf(young, 'foquale-contract').forEach((step, index) => {
    const contractId = derivedId(young.id, `foquale-${index}`);
    rows.contracts.push(
      Object.assign(new FoqualeContractRecord(), {
        id: contractId,
        youngId: young.id,
        networkId: networkId(step.networkBassin),
        version: 1,
        initialReviewOn: step.initialReviewOn,
        needs: step.needs,
        // The demo's paths predate the lifecycle's steps: tutor and solution came with the initial
        // review, undated and without the tutor's organisation, and everyone signed on `signedOn`.
        skills: null,
        level: null,
        tutorName: step.tutorName,
        tutorOrganisationId: null,
        tutorAssignedOn: null,
        solution: step.solution,
        solutionOfferId: step.solutionOfferId ? solutionOfferId(step.solutionOfferId) : null,
        solutionChosenOn: null,
        tutorSignedOn: step.signedOn,
        youngSignedOn: step.signedOn,
        familySignedOn: step.familySigned ? step.signedOn : null,
        signedOn: step.signedOn,
        familySigned: step.familySigned,
        status: step.closedOn ? 'CLOSED' : 'OPEN',
        closedOn: step.closedOn,
        closeReason: step.closeReason,
      }),
    );
    step.reviews.forEach((review, reviewIndex) => {
      rows.reviews.push(
        Object.assign(new SituationReviewRecord(), {
          id: derivedId(contractId, reviewIndex),
          contractId,
          youngId: young.id,
          reviewedOn: review.on,
          outcome: review.outcome,
          note: review.note,
        }),
      );
    });
  });
}
