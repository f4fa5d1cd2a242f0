import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/server/subgraph-server';
import type { PsadLoaders } from '../loaders';
import { CaseContact, PsadCase } from '../types/case.type';

@Resolver(() => PsadCase)
export class PsadCaseResolver {
  @FieldResolver(() => [CaseContact], { description: 'Contact attempts, oldest first.' })
  async contacts(@Root() psadCase: PsadCase, @Ctx() context: SubgraphContext<PsadLoaders>): Promise<CaseContact[]> {
    return context.loaders.contactsByCase.load(psadCase.id);
  }
}
