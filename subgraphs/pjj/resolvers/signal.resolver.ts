import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Organisation, toOrganisation } from '../../../platform/partner-kit/follow-ups';
import type { PjjSignalRecord } from '../entities';
import { unitOf, type PjjContext } from '../loaders';
import { PjjSignal } from '../types/signal.type';

export function toPjjSignal(record: PjjSignalRecord): PjjSignal {
  // Only signals in force reach this point (see `currentSignal`): a withdrawn one is never shown.
  return {
    active: true,
    contactName: record.contactName,
    contactPhone: record.contactPhone,
    publishedOn: record.publishedOn,
    unitId: record.unitId,
  };
}

@Resolver(() => PjjSignal)
export class PjjSignalResolver {
  @FieldResolver(() => Organisation, { description: 'The PJJ unit the contact belongs to.' })
  async unit(@Root() signal: PjjSignal, @Ctx() context: PjjContext): Promise<Organisation> {
    return toOrganisation(context.profile, await unitOf(signal, context.loaders));
  }
}
