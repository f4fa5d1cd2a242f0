import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PersonalData } from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';
import { Organisation, toOrganisation } from '../../../platform/partner-kit/follow-ups';
import { globalId } from '../../../platform/partner-kit/offers';
import type { YoungReference } from '../../../platform/partner-kit/young';
import type { ObligationDeFormationRecord } from '../entities';
import { missionLocaleOf, type MissionsLocalesContext } from '../loaders';
import { ObligationDeFormation, ObligationStep, type ObligationStatus } from '../types/obligation.type';
import { Young } from '../types/young.type';

function toObligation(record: ObligationDeFormationRecord): ObligationDeFormation {
  return {
    status: record.status as ObligationStatus,
    since: record.since,
    youngId: record.youngId,
    missionLocaleId: record.missionLocaleId,
  };
}

@Resolver(() => Young)
export class ObligationYoungResolver {
  @FieldResolver(() => ObligationDeFormation, {
    nullable: true,
    description:
      'The obligation de formation (16-18), when a Mission locale is in charge of it for this person.',
  })
  @PersonalData('OBLIGATION_FORMATION', SUBGRAPHS['missions-locales'])
  async obligationDeFormation(
    @Root() young: YoungReference,
    @Ctx() context: MissionsLocalesContext,
  ): Promise<ObligationDeFormation | null> {
    const record = await context.loaders.obligationByYoung.load(young.id);
    return record && toObligation(record);
  }
}

/** The Mission locale in charge of the obligation de formation follows the person. */
export async function obligationFollowers(
  young: YoungReference,
  context: MissionsLocalesContext,
): Promise<string[]> {
  const record = await context.loaders.obligationByYoung.load(young.id);
  return record ? [(await missionLocaleOf(record, context.loaders)).code] : [];
}

@Resolver(() => ObligationDeFormation)
export class ObligationDeFormationResolver {
  @FieldResolver(() => Organisation, { description: 'The Mission locale in charge.' })
  async missionLocale(
    @Root() obligation: ObligationDeFormation,
    @Ctx() context: MissionsLocalesContext,
  ): Promise<Organisation> {
    return toOrganisation(context.profile, await missionLocaleOf(obligation, context.loaders));
  }

  @FieldResolver(() => [ObligationStep], { description: 'Its steps, oldest first.' })
  async steps(
    @Root() obligation: ObligationDeFormation,
    @Ctx() context: MissionsLocalesContext,
  ): Promise<ObligationStep[]> {
    const records = await context.loaders.obligationStepsByYoung.load(obligation.youngId);
    return records.map((record) => ({
      id: globalId(context.profile, record.id),
      steppedOn: record.steppedOn,
      label: record.label,
    }));
  }
}
