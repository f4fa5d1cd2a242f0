/**
 * The state of one young person's path under construction and the vocabulary its episodes
 * share: follow-up outcomes, pending follow-up events and their exit summaries.
 */
import type { SubgraphName } from '../platform/partners';
import { LAST, REF } from './calendar';
import { offerKey, type BassinIndex, type Catalogue, type NearOffer } from './catalogue';
import { ADULT_FIRST_NAMES, LAST_NAMES } from './names';
import { Random, addYearsToDay, ageOnDay, isoInstant, nextWorkday } from './random';
import type {
  DemoOffer,
  DemoOfferKind,
  DemoOrganisation,
  DemoStep,
  FollowUpStep,
  ObligationDeFormationStep,
} from './world';

/** How a follow-up ended. */
export type Outcome = NonNullable<FollowUpStep['outcome']>;
/** Where a 16-17 year-old stands with the obligation de formation. */
export type OdfStatus = ObligationDeFormationStep['status'];

/** What became of a follow-up offered as a solution. */
export interface SolutionResult {
  /** Day the young person entered the programme, null if not (yet). */
  entry: number | null;
  closedOn: number | null;
  outcome: Outcome;
}

/** A follow-up event on a day, before it is given an instant. */
export interface PendingEvent {
  day: number;
  kind: FollowUpStep['events'][number]['kind'];
  summary: string;
}

/** The note a follow-up's exit event carries, by outcome. */
export const EXIT_SUMMARIES: Record<Outcome, string> = {
  IN_PROGRESS: 'Sortie',
  COMPLETED: 'Fin de l’accompagnement, objectifs atteints',
  ABANDONED: 'Sortie sans solution : plus de nouvelles du jeune',
  EMPLOYED: 'Sortie en emploi',
  TRAINING: 'Sortie en formation qualifiante',
};

/**
 * One young person's path while it is built: their bassin and commune, their random stream, the
 * steps so far and the helpers every episode uses (demo/episodes/ appends the steps of one
 * partner's episode each, demo/paths.ts strings episodes into paths).
 */
export class Trajectory {
  private readonly entries: { key: number; step: DemoStep }[] = [];
  /** The obligation-de-formation record, started when a 16-17 year-old comes to notice. */
  odf: { events: { day: number; label: string; status: OdfStatus | null }[] } | null = null;
  birth = 0;

  constructor(
    readonly rng: Random,
    readonly catalogue: Catalogue,
    readonly bassin: BassinIndex,
    readonly commune: string,
  ) {}

  add(step: DemoStep, key: number): void {
    this.entries.push({ key, step });
  }

  age(day: number): number {
    return ageOnDay(this.birth, day);
  }

  /** A weekday between `min` and `max` days after `day`. */
  after(day: number, min: number, max: number): number {
    return nextWorkday(day + this.rng.int(min, max));
  }

  /**
   * A birth day making the person `age` years old on `day`, kept within the 14-21 range at the reference
   * date.
   */
  bornFor(age: number, day: number): void {
    const latest = addYearsToDay(day, -age);
    const earliest = addYearsToDay(day, -(age + 1)) + 1;
    let birth = this.rng.int(earliest, latest);
    if (ageOnDay(birth, REF) > 21) birth = this.rng.int(addYearsToDay(REF, -22) + 1, addYearsToDay(REF, -21));
    if (ageOnDay(birth, REF) < 14) birth = this.rng.int(addYearsToDay(REF, -15) + 1, addYearsToDay(REF, -14));
    this.birth = birth;
  }

  adultName(): string {
    return `${this.rng.pick(ADULT_FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`;
  }

  missionLocale(): DemoOrganisation {
    return (
      this.bassin.missionsLocales.find((ml) => ml.commune === this.commune) ?? this.bassin.missionsLocales[0]
    );
  }

  organisation(id: string): DemoOrganisation {
    return this.catalogue.organisationById.get(id)!;
  }

  /**
   * An offer of the bassin (or département) for this season, open to the person's age;
   * sessions already running or starting soon are preferred.
   */
  pickOffer(
    owner: SubgraphName,
    kind: DemoOfferKind,
    day: number,
    accept?: (offer: DemoOffer) => boolean,
  ): NearOffer | null {
    const list = this.bassin.offers.get(offerKey(owner, kind));
    if (!list) return null;
    const age = this.age(day);
    const soon: NearOffer[] = [];
    const any: NearOffer[] = [];
    for (const near of list) {
      if (age < near.offer.ageMin || age > near.offer.ageMax) continue;
      if (accept && !accept(near.offer)) continue;
      any.push(near);
      if (near.start <= day + 45) soon.push(near);
    }
    const pool = soon.length > 0 ? soon : any;
    return pool.length > 0 ? this.rng.pick(pool) : null;
  }

  /** Follow-up events as instants, in order, inside [opened, closed or the reference date). */
  instants(events: PendingEvent[], opened: number, closed: number | null): FollowUpStep['events'] {
    const limit = closed ?? LAST;
    const kept = events.filter((e) => e.day >= opened && e.day <= limit).sort((a, b) => a.day - b.day);
    const out: FollowUpStep['events'] = [];
    let previousDay = -1;
    let minute = 0;
    for (const event of kept) {
      // Same-day events keep their order: each comes a little later than the previous one.
      minute =
        event.day === previousDay
          ? Math.min(minute + 30 * this.rng.int(1, 3), 1050)
          : 420 + 5 * this.rng.int(0, 114);
      previousDay = event.day;
      out.push({ at: isoInstant(event.day, minute), kind: event.kind, summary: event.summary });
    }
    return out;
  }

  /** A pick that differs from the previous one, so that consecutive notes do not repeat. */
  pickOther<T>(items: readonly T[], previous: T): T {
    const picked = this.rng.pick(items);
    return picked === previous ? items[(items.indexOf(picked) + 1) % items.length] : picked;
  }

  /** An instant during French office hours (07:00-16:30 UTC). */
  instant(day: number): string {
    return isoInstant(day, 420 + 5 * this.rng.int(0, 114));
  }

  /** The day of the earliest step so far, if any. */
  firstDay(): number | null {
    return this.entries.length > 0 ? Math.min(...this.entries.map((e) => e.key)) : null;
  }

  /** The path in chronological order of each step's first date (stable for ties). */
  steps(): DemoStep[] {
    return this.entries
      .map((entry, seq) => ({ ...entry, seq }))
      .sort((a, b) => a.key - b.key || a.seq - b.seq)
      .map((entry) => entry.step);
  }
}
