/**
 * The PSAD's episodes: the SIEI listing that names a young person who left school, the case the
 * platform opens and its contact attempts, and the case following the solution.
 */
import { CAMPAIGNS, LAST, SIEI_DELAY } from '../calendar';
import { ELSEWHERE_NOTES } from '../names';
import { isoDay, nextWorkday } from '../random';
import type { Trajectory } from '../trajectory';
import type { CaseStatus, PsadCaseStep } from '../world';
import { LEVELS, type Dropout } from './education-nationale';

/** A SIEI campaign's listing of someone: the campaign and the day the PSAD received it. */
export interface Listing {
  campaign: string;
  detected: number;
}

/** A PSAD case being built, for the episodes that follow it. */
export interface CaseHandle {
  step: PsadCaseStep;
  /** The day of the situation interview, when it happened. */
  meeting: number | null;
}

const NO_ANSWER_NOTES: Record<PsadCaseStep['contacts'][number]['channel'], string> = {
  PHONE: 'Pas de réponse, message laissé sur la messagerie',
  SMS: 'SMS envoyé, pas de réponse',
  MAIL: 'Courriel envoyé, pas de réponse',
  LETTER: 'Courrier d’invitation envoyé au domicile',
  MEETING: 'Absent au rendez-vous',
};

/** The SIEI listing that catches someone who left on `exit` (16 or older by then), if it already ran. */
export function siei(
  trajectory: Trajectory,
  exit: number,
  lastSchoolId: string,
  lastClass: string,
  diploma: Dropout['diploma'],
): Listing | null {
  let i = CAMPAIGNS.findIndex((c) => c.from >= exit + SIEI_DELAY);
  while (i >= 0 && i < CAMPAIGNS.length && trajectory.age(CAMPAIGNS[i].to) < 16) i++;
  if (i < 0 || i >= CAMPAIGNS.length) return null;
  const campaign = CAMPAIGNS[i];
  let detected = nextWorkday(trajectory.rng.int(campaign.from, campaign.to));
  if (detected > campaign.to || trajectory.age(detected) < 16) detected = campaign.to;
  if (detected > LAST) return null;
  trajectory.add(
    {
      type: 'siei-listing',
      campaign: campaign.label,
      detectedOn: isoDay(detected),
      lastSchoolId,
      lastClass,
      diploma,
    },
    detected,
  );
  return { campaign: campaign.label, detected };
}

/** The SIEI listing of someone who left school without a diploma. */
export function sieiAfterSchool(trajectory: Trajectory, d: Dropout): Listing | null {
  return siei(trajectory, d.exit, d.last.school.id, LEVELS[d.last.family][d.last.stage], d.diploma);
}

/**
 * The PSAD case opened from a listing and its contact attempts. `ENGAGE` ends with a
 * situation interview; the other plans end the case with the matching status.
 */
export function psadCase(
  trajectory: Trajectory,
  listing: Listing,
  plan: 'ENGAGE' | 'UNREACHABLE' | 'REFUSED' | 'MOVED' | 'ALREADY_IN_TRAINING' | 'ALREADY_FOLLOWED',
  follower: { code: string; name: string },
  note?: string,
): CaseHandle | null {
  const opened = trajectory.after(listing.detected, 2, 25);
  if (opened > LAST) return null;
  const step: PsadCaseStep = {
    type: 'psad-case',
    campaign: listing.campaign,
    openedOn: isoDay(opened),
    status: 'TO_CONTACT',
    followerOrg: follower.code,
    followerName: follower.name,
    closedOn: null,
    contacts: [],
  };
  trajectory.add(step, opened);
  const handle: CaseHandle = { step, meeting: null };
  const contact = (
    day: number,
    channel: PsadCaseStep['contacts'][number]['channel'],
    outcome: PsadCaseStep['contacts'][number]['outcome'],
    note: string,
  ) => step.contacts.push({ at: trajectory.instant(day), channel, outcome, note });
  const close = (status: CaseStatus, day: number) => {
    step.status = status;
    step.closedOn = isoDay(day);
  };

  // Unanswered attempts first; returns the day of the last one, or null past the reference date.
  let t = opened;
  const failures = (
    count: number,
    channels: readonly PsadCaseStep['contacts'][number]['channel'][],
  ): boolean => {
    for (let i = 0; i < count; i++) {
      t = i === 0 && t === opened ? trajectory.after(opened, 0, 7) : trajectory.after(t, 2, 12);
      if (t > LAST) return false;
      const channel = trajectory.rng.pick(channels);
      if (channel === 'PHONE' && trajectory.rng.chance(0.12))
        contact(t, 'PHONE', 'WRONG_NUMBER', 'Numéro non attribué');
      else contact(t, channel, 'NO_ANSWER', NO_ANSWER_NOTES[channel]);
    }
    return true;
  };
  const reach = (min: number, max: number): boolean => {
    t = t === opened ? trajectory.after(opened, 0, 7) : trajectory.after(t, min, max);
    return t <= LAST;
  };

  switch (plan) {
    case 'ENGAGE': {
      if (
        !failures(
          trajectory.rng.weighted([
            [0, 50],
            [1, 30],
            [2, 20],
          ]),
          ['PHONE', 'PHONE', 'SMS'],
        )
      )
        return handle;
      if (!reach(1, 8)) return handle;
      contact(
        t,
        trajectory.rng.chance(0.8) ? 'PHONE' : 'SMS',
        'APPOINTMENT_SET',
        'Jeune joint, rendez-vous fixé pour un entretien de situation',
      );
      step.status = 'CONTACTED';
      t = trajectory.after(t, 4, 15);
      if (t > LAST) return handle;
      contact(t, 'MEETING', 'REACHED', `Entretien de situation réalisé (${follower.name})`);
      step.status = 'REVIEW_DONE';
      handle.meeting = t;
      return handle;
    }
    case 'UNREACHABLE': {
      if (!failures(trajectory.rng.int(3, 5), ['PHONE', 'PHONE', 'SMS', 'MAIL', 'LETTER'])) return handle;
      const end = trajectory.after(t, 10, 30);
      if (end <= LAST) close('UNREACHABLE', end);
      return handle;
    }
    case 'REFUSED': {
      if (!failures(trajectory.rng.int(1, 2), ['PHONE', 'SMS'])) return handle;
      if (!reach(2, 10)) return handle;
      contact(
        t,
        'PHONE',
        'REACHED',
        trajectory.rng.pick([
          'Ne souhaite pas être accompagné pour le moment',
          'Refuse l’entretien, dit avoir un projet personnel',
          'La famille refuse toute prise en charge',
        ]),
      );
      close('REFUSED', t);
      return handle;
    }
    case 'ALREADY_FOLLOWED': {
      // The hub shows the platform that a partner already accompanies the young person.
      if (!failures(trajectory.rng.int(0, 1), ['PHONE', 'SMS'])) return handle;
      if (!reach(2, 10)) return handle;
      contact(t, 'PHONE', 'REACHED', note ?? 'Déjà accompagné par un partenaire');
      step.status = 'IN_SOLUTION';
      const end = trajectory.after(t, 0, 20);
      if (end <= LAST) step.closedOn = isoDay(end);
      return handle;
    }
    case 'MOVED':
    case 'ALREADY_IN_TRAINING': {
      if (!failures(trajectory.rng.int(0, 1), ['PHONE', 'SMS'])) return handle;
      if (!reach(2, 10)) return handle;
      contact(t, 'PHONE', 'REACHED', trajectory.rng.pick(ELSEWHERE_NOTES[plan]));
      close(plan, t);
      return handle;
    }
  }
}

/** The platform has proposed a solution after the situation interview. */
export function solutionProposed(handle: CaseHandle): void {
  if (handle.step.status === 'REVIEW_DONE') handle.step.status = 'SOLUTION_PROPOSED';
}

/** The solution started: the platform closes the case once it has held for a few weeks. */
export function solutionStarted(trajectory: Trajectory, handle: CaseHandle, start: number): void {
  handle.step.status = 'IN_SOLUTION';
  const close = trajectory.after(start, 45, 120);
  if (close <= LAST) handle.step.closedOn = isoDay(close);
}
