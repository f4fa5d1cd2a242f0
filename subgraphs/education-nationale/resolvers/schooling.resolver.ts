import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { checkPageSize } from '../../../platform/graphql/pagination';
import { OrganisationRecord } from '../../../platform/partner-kit/entities';
import { Organisation, toOrganisation } from '../../../platform/partner-kit/follow-ups';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import { FoqualeNetworkRecord } from '../entities';
import type { EducationNationaleLoaders } from '../loaders';
import { DropoutSignal, Enrolment } from '../types/schooling.type';

type Context = SubgraphContext<EducationNationaleLoaders>;

/** Organisation kinds that are schools; CIO and MLDS are services of the network, not schools. */
export const SCHOOL_KINDS = ['COLLEGE', 'LYCEE_GENERAL', 'LYCEE_PROFESSIONNEL', 'MICRO_LYCEE'];

async function schoolOf(owner: { id: string; schoolId: string }, context: Context): Promise<Organisation> {
  const record = await context.loaders.organisationById.load(owner.schoolId);
  if (!record) throw new Error(`${owner.id} refers to a missing school`);
  return toOrganisation(context.profile, record);
}

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @FieldResolver(() => Organisation)
  school(@Root() enrolment: Enrolment, @Ctx() context: Context): Promise<Organisation> {
    return schoolOf(enrolment, context);
  }
}

@Resolver(() => DropoutSignal)
export class DropoutSignalResolver {
  @FieldResolver(() => Organisation, { description: 'The school whose GPDS raised the signal.' })
  school(@Root() signal: DropoutSignal, @Ctx() context: Context): Promise<Organisation> {
    return schoolOf(signal, context);
  }
}

@Resolver()
export class SchoolResolver {
  @Query(() => [Organisation], {
    description: 'Éducation nationale schools of a bassin (collèges, lycées, micro-lycées), by name.',
  })
  async schools(
    @Arg('territory', { description: 'Bassin code.' }) territory: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most 100.' }) first: number,
    @Ctx() context: Context,
  ): Promise<Organisation[]> {
    checkPageSize(first);
    const records = await context.db.getRepository(OrganisationRecord).find({
      where: { bassinCode: territory, kind: In(SCHOOL_KINDS) },
      order: { name: 'ASC', id: 'ASC' },
      take: first,
    });
    // Every bassin has a network: when none matches, the code is wrong rather than the bassin empty.
    if (
      records.length === 0 &&
      !(await context.db.getRepository(FoqualeNetworkRecord).existsBy({ bassinCode: territory }))
    ) {
      throw badUserInput(`Unknown bassin "${territory.slice(0, 40)}"`, 'territory');
    }
    return records.map((record) => toOrganisation(context.profile, record));
  }
}
