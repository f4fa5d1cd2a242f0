import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { TrajectoryEvent } from '../../../platform/graphql/types';
import { currentSignal, pjjEvents } from '../events';
import type { PjjContext } from '../loaders';
import { PjjSignal } from '../types/signal.type';
import { Young } from '../types/young.type';
import { toPjjSignal } from './signal.resolver';

/** Signals are published and withdrawn by the day. */
const today = (): string => new Date().toISOString().slice(0, 10);

@Resolver(() => Young)
export class YoungResolver {
  @FieldResolver(() => PjjSignal, { nullable: true, description: 'The PJJ signal in force for this person; null when the PJJ publishes none.' })
  async pjjSignal(@Root() young: Young, @Ctx() context: PjjContext): Promise<PjjSignal | null> {
    const signal = currentSignal(await context.loaders.signalsByYoung.load(young.id), today());
    return signal && toPjjSignal(signal);
  }

  @FieldResolver(() => [TrajectoryEvent], { nullable: true, description: 'The PJJ’s contribution to `Young.trajectory`: one event per signal in force.' })
  @Directive('@inaccessible')
  async pjjEvents(@Root() young: Young, @Ctx() context: PjjContext): Promise<TrajectoryEvent[]> {
    return pjjEvents(young, context, today());
  }
}

export const youngReference = {
  // Any hub id is a valid reference: for a person without a signal, the PJJ contributes nothing.
  Young: { __resolveReference: (reference: { id: string }): Young => ({ id: reference.id }) },
};
