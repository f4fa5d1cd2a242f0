import { instantOn } from '../../platform/calendar';
import { TrajectoryEventKind, type TrajectoryEvent } from '../../platform/graphql/types';
import { globalId } from '../../platform/partner-kit/offers';
import type { YoungReference } from '../../platform/partner-kit/young';
import type { SubgraphProfile } from '../../platform/partners';
import type { ObligationStepRecord } from './entities';
import { missionLocaleOf, type MissionsLocalesContext } from './loaders';

/** The steps of an obligation de formation as trajectory events, naming the Mission locale in charge. */
export function obligationStepEvents(
  profile: SubgraphProfile,
  steps: ObligationStepRecord[],
  missionLocaleName: string,
): TrajectoryEvent[] {
  return steps.map((step) => ({
    id: globalId(profile, step.id),
    partner: profile.partner,
    at: instantOn(step.steppedOn, '09:00'),
    kind: TrajectoryEventKind.OBLIGATION_STEP,
    summary: `Obligation de formation : ${step.label} (${missionLocaleName})`,
  }));
}

/** The Missions locales' events beyond follow-ups (the kit's `extraEvents`): the obligation's steps. */
export async function obligationEvents(
  young: YoungReference,
  context: MissionsLocalesContext,
): Promise<TrajectoryEvent[]> {
  const [obligation, steps] = await Promise.all([
    context.loaders.obligationByYoung.load(young.id),
    context.loaders.obligationStepsByYoung.load(young.id),
  ]);
  if (!obligation || steps.length === 0) return [];
  const missionLocale = await missionLocaleOf(obligation, context.loaders);
  return obligationStepEvents(context.profile, steps, missionLocale.name);
}
