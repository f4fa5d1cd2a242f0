/**
 * The FOQUALE network's episode: the contract that brings a young person the PSAD met back to
 * school, an MLDS action, a service civique or an apprenticeship, and its reviews. It builds on
 * the other partners' episodes, hence its own file.
 */
import type { SubgraphName } from '../../platform/partners';
import { LAST, LINK_FROM, SCHOOL_YEARS, schoolYearOf } from '../calendar';
import { FOQUALE_NEEDS, MLDS_ACTIONS, REVIEW_NOTES, SERVICE_CIVIQUE_MISSIONS } from '../names';
import { isoDay, maxDay, nextWorkday } from '../random';
import type { Trajectory } from '../trajectory';
import type { DemoOfferKind, DemoOrganisation, FoqualeContractStep } from '../world';
import { apprenticeship } from './cfa';
import { LEVELS, enrol, place, type Dropout, type Family, type Schooling } from './education-nationale';
import { obligation } from './missions-locales';
import { solutionProposed, solutionStarted, type CaseHandle } from './psad';

/** The FOQUALE contract after the PSAD's situation interview: its solution, signature and reviews. */
export function foqualeContract(trajectory: Trajectory, handle: CaseHandle, d: Dropout): void {
  const meeting = handle.meeting!;
  const review = trajectory.after(meeting, 7, 30);
  if (review > LAST) return;
  const ageAtReview = trajectory.age(review);
  const kind = trajectory.rng.weighted<DemoOfferKind>([
    ['SCHOOL_PLACE', 42],
    ['MLDS_ACTION', 25],
    ['MICRO_LYCEE', trajectory.bassin.microLycee && d.last.family !== 'COLLEGE' ? 12 : 0],
    ['PAFI', ageAtReview < 18 ? 8 : 0],
    ['SERVICE_CIVIQUE', 8],
    ['APPRENTICESHIP', 10],
  ]);
  const owner: SubgraphName = kind === 'APPRENTICESHIP' ? 'cfa' : 'education-nationale';
  // Signature and start are planned at the review; school solutions wait for the rentrée
  // over the summer, and a start in the current season takes one of its offers.
  const signed = trajectory.after(review, 3, 20);
  let start = trajectory.after(signed, 5, 25);
  const year = schoolYearOf(start);
  if (kind !== 'APPRENTICESHIP' && start > year.end - 10) start = SCHOOL_YEARS[year.index + 1].start;
  const near = start >= LINK_FROM ? trajectory.pickOffer(owner, kind, start) : null;
  if (near) start = nextWorkday(maxDay(start, near.start));
  const contract: FoqualeContractStep = {
    type: 'foquale-contract',
    networkBassin: trajectory.bassin.profile.code,
    tutorName: trajectory.adultName(),
    initialReviewOn: isoDay(review),
    needs: trajectory.rng.sample(FOQUALE_NEEDS, trajectory.rng.int(1, 2)).join(' ; '),
    solution: '',
    solutionOfferId: near ? near.offer.id : null,
    signedOn: null,
    familySigned: false,
    reviews: [],
    closedOn: null,
    closeReason: null,
  };
  trajectory.add(contract, review);
  solutionProposed(handle);

  // What the solution is, where it takes place and how the enrolment reads.
  let school: DemoOrganisation;
  let schooling: Schooling;
  let classLevel: string;
  switch (kind) {
    case 'SCHOOL_PLACE': {
      const family: Family = near
        ? near.offer.level === '2nde GT'
          ? 'GENERAL'
          : near.offer.level === 'CAP 1'
            ? 'CAP'
            : 'PRO'
        : d.last.family === 'CAP'
          ? 'CAP'
          : 'PRO';
      const stage = near
        ? LEVELS[family].indexOf(near.offer.level ?? '')
        : d.last.family === family
          ? d.last.stage
          : 0;
      schooling = near
        ? {
            family,
            stage: Math.max(0, stage),
            school: trajectory.organisation(near.offer.organisationId),
            track: near.offer.track,
          }
        : place(trajectory, family, stage);
      school = schooling.school;
      classLevel = LEVELS[family][schooling.stage];
      contract.solution = `Retour en ${classLevel}${schooling.track ? ` ${schooling.track}` : ''} au ${school.name}`;
      break;
    }
    case 'MICRO_LYCEE': {
      school = trajectory.bassin.microLycee!;
      const stage = d.last.family === 'GENERAL' && d.last.stage >= 1 ? 2 : 1;
      schooling = { family: 'GENERAL', stage, school, track: null };
      classLevel = LEVELS.GENERAL[stage];
      contract.solution = `Micro-lycée : préparation du baccalauréat en ${classLevel}`;
      break;
    }
    case 'PAFI': {
      school = near
        ? trajectory.organisation(near.offer.organisationId)
        : d.last.family === 'PRO' || d.last.family === 'CAP'
          ? d.last.school
          : trajectory.rng.pick(trajectory.bassin.lps);
      schooling = {
        family: d.last.family,
        stage: d.last.stage,
        school,
        track: 'Parcours aménagé de formation initiale',
      };
      classLevel = 'PAFI';
      contract.solution = 'PAFI : parcours aménagé alternant cours et stages en entreprise';
      break;
    }
    case 'SERVICE_CIVIQUE': {
      school = trajectory.bassin.mlds;
      const domain = near?.offer.title.split(' – ')[1] ?? trajectory.rng.pick(SERVICE_CIVIQUE_MISSIONS);
      schooling = { family: d.last.family, stage: d.last.stage, school, track: 'Service civique combiné' };
      classLevel = 'Service civique combiné';
      contract.solution = `Service civique combiné avec la MLDS (${domain})`;
      break;
    }
    case 'APPRENTICESHIP': {
      school = trajectory.bassin.mlds;
      schooling = d.last;
      classLevel = '';
      contract.solution = near
        ? `Apprentissage : ${near.offer.level} ${near.offer.track}`
        : 'Retour en formation par l’apprentissage';
      break;
    }
    default: {
      school = near ? trajectory.organisation(near.offer.organisationId) : trajectory.bassin.mlds;
      const action = near?.offer.track ?? trajectory.rng.pick(MLDS_ACTIONS);
      schooling = { family: d.last.family, stage: d.last.stage, school, track: action };
      classLevel = 'MLDS';
      contract.solution = `Action MLDS : ${action}`;
    }
  }

  // Young adults may sign alone; it is also when some walk away before signing.
  if (trajectory.rng.chance(0.05)) {
    const end = trajectory.after(review, 20, 60);
    if (end <= LAST) {
      contract.closedOn = isoDay(end);
      contract.closeReason = 'ABANDONED';
      handle.step.status = 'REFUSED';
      handle.step.closedOn = isoDay(end);
    }
    return;
  }
  if (signed > LAST) return;
  contract.signedOn = isoDay(signed);
  contract.familySigned =
    trajectory.age(signed) < 18 ? trajectory.rng.chance(0.95) : trajectory.rng.chance(0.4);
  obligation(trajectory, signed, 'Contrat FOQUALE signé', null);
  if (start > LAST) return;

  let end: number;
  let closeReason: FoqualeContractStep['closeReason'];
  if (kind === 'APPRENTICESHIP') {
    const result = apprenticeship(trajectory, start, { notBefore: signed, offer: near });
    if (result.started === null) return;
    start = result.started;
    contract.solution = `Apprentissage : ${result.qualification.diploma} ${result.qualification.trade} (${result.cfa.name})`;
    end = result.brokenOn ?? trajectory.after(start, 150, 280);
    closeReason = result.brokenOn !== null ? 'ABANDONED' : 'COMPLETED';
    obligation(trajectory, start, 'Entrée en apprentissage', 'IN_TRAINING');
  } else {
    const startYear = schoolYearOf(start);
    const planned =
      kind === 'MLDS_ACTION' ? Math.min(trajectory.after(start, 100, 200), startYear.end) : startYear.end;
    const dropsAgain = planned - start > 45 && trajectory.rng.chance(0.12);
    end = dropsAgain ? trajectory.after(start, 30, planned - start - 10) : planned;
    const reoriented = !dropsAgain && kind === 'MLDS_ACTION' && trajectory.rng.chance(0.2);
    closeReason = dropsAgain ? 'ABANDONED' : reoriented ? 'REORIENTED' : 'COMPLETED';
    const ended = end <= LAST;
    enrol(
      trajectory,
      { ...schooling, school },
      startYear,
      start,
      ended ? end : null,
      ended ? (dropsAgain ? 'DROPPED_OUT' : reoriented ? 'REORIENTED' : 'COMPLETED') : null,
      classLevel,
    );
    obligation(trajectory, start, 'Retour en formation (réseau FOQUALE)', 'IN_TRAINING');
    // A completed school solution goes on at the next rentrée.
    const next = SCHOOL_YEARS[startYear.index + 1];
    if (
      ended &&
      !dropsAgain &&
      next.start <= LAST &&
      (kind === 'SCHOOL_PLACE' || kind === 'MICRO_LYCEE' || reoriented || trajectory.rng.chance(0.5))
    ) {
      const family: Family = kind === 'MICRO_LYCEE' ? 'GENERAL' : schooling.family === 'CAP' ? 'CAP' : 'PRO';
      const continuing = kind === 'SCHOOL_PLACE' || kind === 'MICRO_LYCEE';
      const stage = continuing ? Math.min(schooling.stage + 1, LEVELS[family].length - 1) : 0;
      const s = continuing ? { ...schooling, family, stage } : place(trajectory, family, 0);
      enrol(trajectory, s, next, next.start, null, null);
    }
  }
  solutionStarted(trajectory, handle, start);

  let r = trajectory.after(maxDay(signed, start), 42, 56);
  while (r < end && r <= LAST) {
    const outcome = trajectory.rng.weighted<'ON_TRACK' | 'ADJUSTED' | 'AT_RISK'>([
      ['ON_TRACK', 65],
      ['ADJUSTED', 15],
      ['AT_RISK', 20],
    ]);
    contract.reviews.push({ on: isoDay(r), outcome, note: trajectory.rng.pick(REVIEW_NOTES[outcome]) });
    r = trajectory.after(r, 42, 56);
  }
  if (end <= LAST) {
    const outcome = closeReason === 'ABANDONED' ? 'ABANDONED' : 'COMPLETED';
    contract.reviews.push({ on: isoDay(end), outcome, note: trajectory.rng.pick(REVIEW_NOTES[outcome]) });
    contract.closedOn = isoDay(end);
    contract.closeReason = closeReason;
  }
}
