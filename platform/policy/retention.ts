/**
 * HOW LONG THE HUB KEEPS EACH CATEGORY OF DATA (DESIGN.md §5, RGPD art. 5-1-e) — data, like
 * rules.ts, and rendered with it into `docs/access-matrix.md` for the DPO.
 *
 * Each category has one period, counted from the day its record stops being live (a follow-up
 * closes, an enrolment ends, a signal is withdrawn…); a record still open or in force is never
 * purged, whatever its age. Each subgraph's `retention.ts` says which of its tables hold which
 * category and from which column the period runs; `npm run retention:purge` applies it.
 *
 * The periods are the project's choices, set from French practice and the texts cited; no text
 * fixes most of them for an inter-partner hub, so the DPO signs them off like the access rules.
 */
import { integerSetting } from '../config';
import type { DataCategory } from './types';

export interface RetentionRule {
  /**
   * How long records are kept once the period has started, in whole months (a year is 12), so
   * that a cutoff is plain calendar arithmetic. 0: purged at the first run after it starts.
   */
  months: number;
  /** From when the period runs, in plain words. */
  from: string;
  /** Why this length, in one line. */
  justification: string;
}

/** `HUB_TRAIL_RETENTION_YEARS`: overrides the ACCESS_LOG period (DESIGN.md §5: 3 years by default). */
export const TRAIL_RETENTION_VARIABLE = 'HUB_TRAIL_RETENTION_YEARS';

const years = (count: number) => count * 12;

export const RETENTION: Record<DataCategory, RetentionRule> = {
  IDENTITY: {
    months: years(30),
    from: 'birth: kept until the 30th birthday, and longer while psad holds any other record of the person within its own period (SIEI listing, PSAD case, opposition)',
    justification:
      'The hub id links every partner’s records; partners take young people in charge up to 29 (apprenticeship, code du travail art. L6222-1), so past 30 no programme of the hub applies.',
  },
  CONTACT: {
    months: years(30),
    from: 'as IDENTITY: deleted with the identity record',
    justification: 'Contact details only serve to reach a person the hub still identifies.',
  },
  LEGAL_REPRESENTATIVES: {
    months: years(19),
    from: 'birth: kept until one year after the person comes of age',
    justification:
      'The family represents a minor only (code civil art. 388 and 414); one year lets a contract signed with it run to its end.',
  },
  SCHOOLING: {
    months: years(3),
    from: 'the end of an enrolment, the SIEI detection, the GPDS signal',
    justification:
      'Covers six SIEI campaigns and the time to build a return path (code de l’éducation art. L122-2, L313-7); older schooling stays in the schools’ own systems.',
  },
  OBLIGATION_FORMATION: {
    months: years(1),
    from: 'the end of the obligation (18th birthday; taken as 2 years after the current status began, since the obligation starts at 16 and the Mission locale holds no birth date)',
    justification:
      'The control ends at 18 (code de l’éducation art. L114-1); one year lets the Mission locale close the year’s report to the rectorat.',
  },
  FOLLOW_UP_SUMMARY: {
    months: years(3),
    from: 'the closure of the follow-up or PSAD case; the break of an apprenticeship contract, or its latest possible term (4 years after it started)',
    justification:
      'A young person who drops out again usually comes back within that time, and the partners must know who already helped (coordination, circulaire n° 2011-028).',
  },
  FOLLOW_UP_DETAIL: {
    months: years(2),
    from: 'the closure of the follow-up or PSAD case the notes belong to',
    justification:
      'Interview notes are the most sensitive data and serve only the accompaniment that wrote them: kept shorter than the summary.',
  },
  FOQUALE_CONTRACT: {
    months: years(3),
    from: 'the closure of the contract (its bilans de situation go with it)',
    justification:
      'As a follow-up: a contract formalises one return path (circulaire n° 2013-035), useful if the young person drops out again.',
  },
  PJJ_SIGNAL: {
    months: 0,
    from: 'the withdrawal of the signal by the PJJ',
    justification:
      'The hub holds the signal only while the PJJ publishes it; it reveals a judicial follow-up (RGPD art. 10).',
  },
  OFFERS: {
    months: years(1),
    from: 'the closure of the offer (an offer a follow-up still names is kept with it)',
    justification:
      'No personal data; a year keeps the last season’s offers for the follow-ups and the steering figures that cite them.',
  },
  AGGREGATES: {
    months: 0,
    from: 'never stored: computed on each request from the records above',
    justification: 'Nothing to keep: a figure disappears with the records it counts.',
  },
  ACCESS_LOG: {
    months: years(3),
    from: `the access (trail records) or the withdrawal of an opposition; \`${TRAIL_RETENTION_VARIABLE}\` changes it`,
    justification:
      'DESIGN.md §5 default: a person or the DPO can trace every read over the whole span of a follow-up (RGPD art. 15), and an opposition’s withdrawal stays provable as long.',
  },
  FOLLOW_REGISTER: {
    months: years(3),
    from: 'the opening of the follow (`follow_opening.at`)',
    justification:
      'As long as the access trail by default: the DPO answers who began following whom, and on which grounds, over the span of a follow-up.',
  },
};

/**
 * The periods in force: RETENTION, with the access trail's period from `HUB_TRAIL_RETENTION_YEARS`
 * when set. At least one year: a shorter trail could not answer a complaint about last season.
 */
export function retentionPeriods(env: NodeJS.ProcessEnv = process.env): Record<DataCategory, RetentionRule> {
  const trailYears = integerSetting(env, TRAIL_RETENTION_VARIABLE, RETENTION.ACCESS_LOG.months / 12);
  if (trailYears < 1)
    throw new Error(
      `${TRAIL_RETENTION_VARIABLE} must be at least 1 (years), got "${env[TRAIL_RETENTION_VARIABLE]}"`,
    );
  return { ...RETENTION, ACCESS_LOG: { ...RETENTION.ACCESS_LOG, months: years(trailYears) } };
}

/** "3 years", "18 months", "none". */
export function describePeriod(months: number): string {
  if (months === 0) return 'none';
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}
