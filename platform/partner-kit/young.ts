import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { TrajectoryEvent } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { FollowUp, followUpTrajectory, organisationNames, toFollowUp, type FollowUpContext } from './follow-ups';

export interface YoungReference {
  id: string;
}

export interface PartnerYoungOptions<Context extends FollowUpContext> {
  /** Events this partner records outside follow-ups (e.g. apprenticeship contracts), merged into its contribution. */
  extraEvents?: (young: YoungReference, context: Context) => Promise<TrajectoryEvent[]>;
}

/**
 * The partner's view of `Young` (keyed by the hub id, owned by psad) with the two fields every
 * follow-up partner contributes: its follow-ups, and its trajectory events (`<prefix>Events`,
 * @inaccessible, merged by psad into `Young.trajectory`).
 */
export function definePartnerYoung<Context extends FollowUpContext>(profile: SubgraphProfile, options: PartnerYoungOptions<Context> = {}) {
  @ObjectType('Young')
  @Directive('@key(fields: "id")')
  class Young implements YoungReference {
    @Field(() => ID, { description: 'The hub’s pseudonymous id.' })
    id: string;
  }

  @Resolver(() => Young)
  class PartnerYoungResolver {
    @FieldResolver(() => [FollowUp], {
      nullable: true,
      name: `${profile.fieldPrefix}FollowUps`,
      description: `Follow-ups of this young person by ${profile.label}, oldest first.`,
    })
    async followUps(@Root() young: Young, @Ctx() context: Context): Promise<FollowUp[]> {
      const records = await context.loaders.followUpsByYoung.load(young.id);
      return records.map((record) => toFollowUp(profile, record));
    }

    @FieldResolver(() => [TrajectoryEvent], { name: `${profile.fieldPrefix}Events`, nullable: true })
    @Directive('@inaccessible')
    async events(@Root() young: Young, @Ctx() context: Context): Promise<TrajectoryEvent[]> {
      const [followUps, events, extra] = await Promise.all([
        context.loaders.followUpsByYoung.load(young.id),
        context.loaders.eventsByYoung.load(young.id),
        options.extraEvents ? options.extraEvents(young, context) : Promise.resolve([]),
      ]);
      const names = await organisationNames(context.loaders, followUps);
      return [...followUpTrajectory(profile, followUps, events, names), ...extra];
    }
  }

  const referenceResolvers = {
    // Any hub id is a valid reference: a partner that does not follow this person contributes empty lists.
    Young: { __resolveReference: (reference: YoungReference): YoungReference => ({ id: reference.id }) },
  };
  return { Young, PartnerYoungResolver, referenceResolvers };
}
