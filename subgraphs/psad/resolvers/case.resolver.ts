import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/server/definition';
import { allowedTransitions } from '../case-workflow';
import type { CaseTransitionRecord } from '../entities';
import type { PsadLoaders } from '../loaders';
import {
  CaseContact,
  CaseTransition,
  CaseStatus,
  PsadCase,
  type CaseTransitionKind,
  type ContactChannel,
  type ContactOutcome,
} from '../types/case.type';

export function toCaseTransition(record: CaseTransitionRecord): CaseTransition {
  return {
    id: record.id,
    youngId: record.youngId,
    organisationCode: record.actorOrg,
    kind: record.kind as CaseTransitionKind,
    version: record.version,
    at: record.at,
    actorSub: record.actorSub,
    actorRole: record.actorRole,
    actorOrg: record.actorOrg,
    from: record.fromStatus as CaseStatus | null,
    to: record.toStatus as CaseStatus,
    followerOrg: record.followerOrg,
    followerName: record.followerName,
    fromFollowerOrg: record.fromFollowerOrg,
    fromFollowerName: record.fromFollowerName,
    reason: record.reason,
  };
}

@Resolver(() => PsadCase)
export class PsadCaseResolver {
  @FieldResolver(() => [CaseStatus], {
    description:
      'The statuses the case may move to from where it stands (the workflow): what `transitionPsadCase` accepts as `to`.',
  })
  allowedTransitions(@Root() psadCase: PsadCase): CaseStatus[] {
    return [...allowedTransitions(psadCase.status)];
  }

  @FieldResolver(() => [CaseContact], { description: 'Contact attempts, oldest first.' })
  async contacts(
    @Root() psadCase: PsadCase,
    @Ctx() context: SubgraphContext<PsadLoaders>,
  ): Promise<CaseContact[]> {
    const records = await context.loaders.contactsByCase.load(psadCase.id);
    return records.map((record) => ({
      id: record.id,
      at: record.at,
      channel: record.channel as ContactChannel,
      outcome: record.outcome as ContactOutcome,
    }));
  }

  @FieldResolver(() => [CaseTransition], {
    description:
      'The case’s history since the hub’s workflow: its opening, every status change and assignment, oldest first (cases loaded from older files start with their status as it stood).',
  })
  async transitions(
    @Root() psadCase: PsadCase,
    @Ctx() context: SubgraphContext<PsadLoaders>,
  ): Promise<CaseTransition[]> {
    return (await context.loaders.transitionsByCase.load(psadCase.id)).map(toCaseTransition);
  }
}
