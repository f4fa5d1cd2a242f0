import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { parisDay } from '../../../platform/calendar';
import { PersonalData } from '../../../platform/policy/subject';
import { SUBGRAPHS } from '../../../platform/partners';
import { Organisation, toOrganisation } from '../../../platform/partner-kit/follow-ups';
import { globalId } from '../../../platform/partner-kit/offers';
import type { YoungReference } from '../../../platform/partner-kit/young';
import type { SubgraphProfile } from '../../../platform/partners';
import { contractStatus } from '../contracts';
import type { ApprenticeshipContractRecord } from '../entities';
import { cfaOf, type CfaContext } from '../loaders';
import { ApprenticeshipContract, type ContractBreakReason } from '../types/contract.type';
import { Young } from '../types/young.type';

/** Statuses are computed on the day of the request, in Paris, by the context's clock. */
const today = (context: CfaContext): string => parisDay(context.now());

function toContract(
  profile: SubgraphProfile,
  record: ApprenticeshipContractRecord,
  day: string,
): ApprenticeshipContract {
  return {
    id: globalId(profile, record.id),
    employer: record.employer,
    trade: record.trade,
    diploma: record.diploma,
    startedOn: record.startedOn,
    brokenOn: record.brokenOn,
    breakReason: record.breakReason as ContractBreakReason | null,
    status: contractStatus(record, day),
    cfaId: record.cfaId,
  };
}

@Resolver(() => Young)
export class ApprenticeshipYoungResolver {
  @FieldResolver(() => [ApprenticeshipContract], {
    nullable: true,
    description: 'Apprenticeship contracts of this young person, oldest first, broken ones included.',
  })
  @PersonalData('FOLLOW_UP_SUMMARY', SUBGRAPHS.cfa)
  async apprenticeshipContracts(
    @Root() young: YoungReference,
    @Ctx() context: CfaContext,
  ): Promise<ApprenticeshipContract[]> {
    const records = await context.loaders.contractsByYoung.load(young.id);
    const day = today(context);
    return records.map((record) => toContract(context.profile, record, day));
  }
}

/** The CFAs of the contracts still running: they actively follow the apprentice. */
export async function activeContractCfas(young: YoungReference, context: CfaContext): Promise<string[]> {
  const day = today(context);
  const running = (await context.loaders.contractsByYoung.load(young.id)).filter(
    (record) => contractStatus(record, day) === 'ACTIVE',
  );
  const cfas = await Promise.all(running.map((record) => cfaOf(record, context.loaders)));
  return cfas.map((cfa) => cfa.code);
}

@Resolver(() => ApprenticeshipContract)
export class ApprenticeshipContractResolver {
  @FieldResolver(() => Organisation, { description: 'The CFA that provides the training.' })
  async cfa(@Root() contract: ApprenticeshipContract, @Ctx() context: CfaContext): Promise<Organisation> {
    return toOrganisation(context.profile, await cfaOf(contract, context.loaders));
  }
}
