import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { globalId } from '../../../platform/partner-kit/offers';
import type { SubgraphProfile } from '../../../platform/partners';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/subgraph-server';
import { FoqualeNetworkRecord } from '../entities';
import type { EducationNationaleLoaders } from '../loaders';
import { FoqualeContract, FoqualeNetwork, SituationReview, SituationReviewOutcome } from '../types/foquale.type';

type Context = SubgraphContext<EducationNationaleLoaders>;

function toFoqualeNetwork(profile: SubgraphProfile, record: FoqualeNetworkRecord): FoqualeNetwork {
  return {
    id: globalId(profile, record.id),
    territory: record.bassinCode,
    name: record.name,
    responsableName: record.responsableName,
    committee: record.committee,
    reviewIntervalDays: record.reviewIntervalDays,
  };
}

@Resolver(() => FoqualeContract)
export class FoqualeContractResolver {
  @FieldResolver(() => FoqualeNetwork)
  async network(@Root() contract: FoqualeContract, @Ctx() context: Context): Promise<FoqualeNetwork> {
    const record = await context.loaders.networkById.load(contract.networkId);
    if (!record) throw new Error(`${contract.id} refers to a missing FOQUALE network`);
    return toFoqualeNetwork(context.profile, record);
  }

  @FieldResolver(() => [SituationReview], { description: 'Bilans de situation, oldest first.' })
  async reviews(@Root() contract: FoqualeContract, @Ctx() context: Context): Promise<SituationReview[]> {
    const records = await context.loaders.reviewsByYoung.load(contract.youngId);
    return records
      .filter((record) => record.contractId === contract.localId)
      .map((record) => ({
        id: globalId(context.profile, record.id),
        reviewedOn: record.reviewedOn,
        outcome: record.outcome as SituationReviewOutcome,
        note: record.note,
      }));
  }
}

@Resolver(() => FoqualeNetwork)
export class FoqualeNetworkResolver {
  @Query(() => [FoqualeNetwork], { description: 'FOQUALE networks, one per bassin, by bassin code.' })
  async foqualeNetworks(
    @Arg('territory', () => String, { nullable: true, description: 'A bassin code; all networks when omitted.' }) territory: string | null,
    @Ctx() context: Context,
  ): Promise<FoqualeNetwork[]> {
    const records = await context.db.getRepository(FoqualeNetworkRecord).find({ where: territory ? { bassinCode: territory } : {}, order: { bassinCode: 'ASC' } });
    if (territory && records.length === 0) throw badUserInput(`Unknown bassin "${territory.slice(0, 40)}"`, 'territory');
    return records.map((record) => toFoqualeNetwork(context.profile, record));
  }
}
