import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { TrajectoryEvent } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { PersonalData } from '../policy/category';
import { visibleEvents } from '../policy/events';
import type { GuardContext } from '../policy/guard';
import type { DataCategory } from '../policy/types';
import { attestedSubject, declareAccessSubject, REQUIRES_ACCESS_SUBJECT, youngReference, type SubjectReference } from '../policy/subject';
import { FollowUp, followUpTrajectory, organisationNames, toFollowUp, type FollowUpContext } from './follow-ups';

export type YoungReference = SubjectReference;

export interface PartnerYoungOptions<Context extends FollowUpContext> {
  /** Events this partner records outside follow-ups (e.g. apprenticeship contracts), merged into its contribution. */
  extraEvents?: (young: YoungReference, context: Context) => Promise<TrajectoryEvent[]>;
  /** Organisations following the person through records other than follow-ups (contracts, obligation…). */
  extraFollowers?: (young: YoungReference, context: Context) => Promise<string[]>;
}

/**
 * A partner's contribution to `Young.trajectory`, restricted to the event categories the caller
 * may see for this person; nothing at all when psad attested no subject.
 */
export function eventsForCaller(profile: SubgraphProfile, young: YoungReference, context: GuardContext, events: TrajectoryEvent[]): TrajectoryEvent[] {
  const subject = attestedSubject(young, context.subjects);
  if (!subject) return [];
  const note = (category: DataCategory, granted: boolean) => context.access.note(subject.youngId, category, 'Young.trajectory', granted);
  return visibleEvents(events, context.caller, subject, profile.partner, context.now(), note);
}

/**
 * The partner's view of `Young` (keyed by the hub id, owned by psad) with the two fields every
 * follow-up partner contributes: its follow-ups, and its trajectory events (`<prefix>Events`,
 * @inaccessible, merged by psad into `Young.trajectory`).
 */
export function definePartnerYoung<Context extends FollowUpContext & GuardContext>(profile: SubgraphProfile, options: PartnerYoungOptions<Context> = {}) {
  @ObjectType('Young')
  @Directive('@key(fields: "id")')
  class Young implements YoungReference {
    @Field(() => ID, { description: 'The hub’s pseudonymous id.' })
    id: string;

    accessSubject?: string | null;
  }
  declareAccessSubject(Young);

  @Resolver(() => Young)
  class PartnerYoungResolver {
    @FieldResolver(() => [FollowUp], {
      nullable: true,
      name: `${profile.fieldPrefix}FollowUps`,
      description: `Follow-ups of this young person by ${profile.label}, oldest first.`,
    })
    @PersonalData('FOLLOW_UP_SUMMARY')
    async followUps(@Root() young: Young, @Ctx() context: Context): Promise<FollowUp[]> {
      const records = await context.loaders.followUpsByYoung.load(young.id);
      return records.map((record) => toFollowUp(profile, record));
    }

    @FieldResolver(() => [TrajectoryEvent], { name: `${profile.fieldPrefix}Events`, nullable: true })
    @Directive('@inaccessible')
    @Directive(REQUIRES_ACCESS_SUBJECT)
    async events(@Root() young: Young, @Ctx() context: Context): Promise<TrajectoryEvent[]> {
      const [followUps, events, extra] = await Promise.all([
        context.loaders.followUpsByYoung.load(young.id),
        context.loaders.eventsByYoung.load(young.id),
        options.extraEvents ? options.extraEvents(young, context) : Promise.resolve([]),
      ]);
      const names = await organisationNames(context.loaders, followUps);
      return eventsForCaller(profile, young, context, [...followUpTrajectory(profile, followUps, events, names), ...extra]);
    }

    @FieldResolver(() => [String], { name: `${profile.fieldPrefix}Followers`, nullable: true })
    @Directive('@inaccessible')
    async followers(@Root() young: Young, @Ctx() context: Context): Promise<string[]> {
      const open = (await context.loaders.followUpsByYoung.load(young.id)).filter((followUp) => followUp.closedOn === null);
      const organisations = await context.loaders.organisationById.loadMany([...new Set(open.map((followUp) => followUp.organisationId))]);
      const codes = organisations.flatMap((organisation) => (organisation && !(organisation instanceof Error) ? [organisation.code] : []));
      const extra = options.extraFollowers ? await options.extraFollowers(young, context) : [];
      return [...new Set([...codes, ...extra])].sort();
    }
  }

  const referenceResolvers = {
    // Any hub id is a valid reference: a partner that does not follow this person contributes empty lists.
    Young: { __resolveReference: youngReference },
  };
  return { Young, PartnerYoungResolver, referenceResolvers };
}
