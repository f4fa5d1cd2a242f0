import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/server/definition';
import { TerritoryRecord } from '../entities';
import type { PsadLoaders } from '../loaders';
import { Territory, TerritoryKind } from '../types/territory.type';

@Resolver(() => Territory)
export class TerritoryResolver {
  @Query(() => [Territory], { description: 'Académies, départements and bassins known to the hub.' })
  async territories(
    @Arg('kind', () => TerritoryKind, { nullable: true }) kind: TerritoryKind | null,
    @Ctx() context: SubgraphContext<PsadLoaders>,
  ): Promise<Territory[]> {
    const records = await context.db
      .getRepository(TerritoryRecord)
      .find({ where: kind ? { kind } : {}, order: { code: 'ASC' } });
    return records.map((record) => ({ ...record, kind: record.kind as TerritoryKind }));
  }
}
