import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { eventsForCaller } from '../../../platform/partner-kit/young';
import {
  PersonalData,
  requiresSubject,
  signFollowers,
  type LocalFollowers,
} from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';
import { parisDay } from '../../../platform/calendar';
import { contributedType } from '../../../platform/graphql/partner-types';
import { TrajectoryEvent } from '../../../platform/graphql/types';
import { currentSignal, pjjEvents, signalUnit } from '../events';
import type { PjjContext } from '../loaders';
import { PjjSignal } from '../types/signal.type';
import { Young } from '../types/young.type';
import { toPjjSignal } from './signal.resolver';

/** Signals are published and withdrawn by the day, the Paris day of the request's clock (as their writes). */
const today = (context: PjjContext): string => parisDay(context.now());

/** This partner's contribution to `Young.trajectory`, under its own type name. */
const PjjEvent = contributedType(SUBGRAPHS.pjj, TrajectoryEvent);

@Resolver(() => Young)
export class YoungResolver {
  @FieldResolver(() => PjjSignal, {
    nullable: true,
    description: 'The PJJ signal in force for this person; null when the PJJ publishes none.',
  })
  @PersonalData('PJJ_SIGNAL', SUBGRAPHS.pjj)
  async pjjSignal(@Root() young: Young, @Ctx() context: PjjContext): Promise<PjjSignal | null> {
    const signal = currentSignal(await context.loaders.signalsByYoung.load(young.id), today(context));
    return signal && toPjjSignal(signal);
  }

  @FieldResolver(() => [PjjEvent], {
    nullable: true,
    description: 'The PJJ’s contribution to `Young.trajectory`: one event per signal in force.',
  })
  @Directive('@inaccessible')
  @Directive(requiresSubject(SUBGRAPHS.pjj))
  async pjjEvents(@Root() young: Young, @Ctx() context: PjjContext): Promise<TrajectoryEvent[]> {
    return eventsForCaller(
      SUBGRAPHS.pjj,
      young,
      context,
      signalUnit as LocalFollowers,
      await pjjEvents(young, context, today(context)),
    );
  }

  /** The PJJ unit of a signal in force follows the person. */
  @FieldResolver(() => String, { nullable: true })
  @Directive('@inaccessible')
  pjjFollowers(@Root() young: Young, @Ctx() context: PjjContext): Promise<string | null> {
    return signFollowers(context, young.id, () => signalUnit(young, context));
  }
}
