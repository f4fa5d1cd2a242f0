import { instantOn, parisDay } from '../../platform/calendar';
import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { globalId } from '../../platform/partner-kit/offers';
import type { SubgraphProfile } from '../../platform/partners';
import type { PjjSignalRecord } from './entities';
import { unitOf, type PjjContext } from './loaders';

type Validity = Pick<PjjSignalRecord, 'publishedOn' | 'withdrawnOn'>;

/** Whether the hub may show a signal on `day` (ISO date): published by then and not withdrawn yet. */
export function isInForce(signal: Validity, day: string): boolean {
  return signal.publishedOn <= day && (signal.withdrawnOn === null || signal.withdrawnOn > day);
}

/** The signals in force on `day`, oldest publication first (the loader's order). */
export function signalsInForce<T extends Validity>(signals: T[], day: string): T[] {
  return signals.filter((signal) => isInForce(signal, day));
}

/** The signal `Young.pjjSignal` shows: the latest publication still in force, or null. */
export function currentSignal<T extends Validity>(signals: T[], day: string): T | null {
  return signalsInForce(signals, day).at(-1) ?? null;
}

/**
 * Who follows the person here: the unit of the signal in force on the Paris day of the request's
 * clock (signals are published and withdrawn by the day).
 */
export async function signalUnit(young: { id: string }, context: PjjContext): Promise<string[]> {
  const signals = await context.loaders.signalsByYoung.load(young.id);
  const signal = currentSignal(signals, parisDay(context.now()));
  return signal ? [(await unitOf(signal, context.loaders)).code] : [];
}

/**
 * A published signal as a trajectory event. The summary says only that a follow-up is active
 * and whom to contact: the PJJ publishes nothing about the reason, and neither does the hub.
 */
export function pjjSignalEvent(
  profile: SubgraphProfile,
  signal: PjjSignalRecord,
  unitName: string,
): TrajectoryEvent {
  return {
    id: globalId(profile, signal.id),
    partner: profile.partner,
    at: instantOn(signal.publishedOn, '09:00'),
    kind: TrajectoryEventKind.PJJ_SIGNAL,
    summary: `Suivi PJJ actif : contacter ${signal.contactName} (${unitName})`,
  };
}

/** The PJJ's contribution to a trajectory on `day`: one event per signal in force. */
export async function pjjEvents(
  young: { id: string },
  context: PjjContext,
  day: string,
): Promise<TrajectoryEvent[]> {
  const signals = signalsInForce(await context.loaders.signalsByYoung.load(young.id), day);
  // The units of all signals (and of all people in the request) load in one batch.
  return Promise.all(
    signals.map(async (signal) =>
      pjjSignalEvent(context.profile, signal, (await unitOf(signal, context.loaders)).name),
    ),
  );
}
