import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { contributedType } from '../graphql/partner-types';
import { TrajectoryEvent } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import { visibleEvents } from '../policy/events';
import type { GuardContext } from '../policy/context';
import type { DataCategory } from '../policy/types';
import {
  attestedAccess,
  definePartnerYoungType,
  establishSubject,
  PersonalData,
  requiresSubject,
  signFollowers,
  youngReference,
  type LocalFollowers,
  type SubjectReference,
} from '../policy/subject';
import {
  FollowUp,
  followUpTrajectory,
  organisationNames,
  followUpsOf,
  type FollowUpContext,
} from './follow-ups';
import { defineFollowUpWrites } from './follow-up-writes';
import { defineOfferWrites } from './offer-writes';
import { defineReservations, PlaceReservationResolver, reservationEvents } from './reservations';

export type YoungReference = SubjectReference;

/** A partner's `Young` class: the key psad owns, which the partner's fields extend. */
export type PartnerYoungType = ReturnType<typeof definePartnerYoungType>;

export interface PartnerYoungOptions<Context extends FollowUpContext> {
  /** The partner's `Young`, when its own resolvers extend it too; else one is defined here. */
  Young?: PartnerYoungType;
  /**
   * Events this partner records outside follow-ups (e.g. apprenticeship contracts), merged into its
   * contribution.
   */
  extraEvents?: (young: YoungReference, context: Context) => Promise<TrajectoryEvent[]>;
  /** Organisations following the person through records other than follow-ups (contracts, obligation…). */
  extraFollowers?: (young: YoungReference, context: Context) => Promise<string[]>;
}

/**
 * A partner's contribution to `Young.trajectory`, restricted to the event categories the caller
 * may see for this person; nothing at all when psad attested no subject.
 */
export async function eventsForCaller(
  profile: SubgraphProfile,
  young: YoungReference,
  context: GuardContext,
  localFollowers: LocalFollowers,
  events: TrajectoryEvent[],
): Promise<TrajectoryEvent[]> {
  const subject = await establishSubject(profile, young, context, localFollowers);
  if (!subject) return [];
  const note = (category: DataCategory, granted: boolean) =>
    context.access.note(subject.youngId, category, 'Young.trajectory', granted);
  return visibleEvents(events, context.caller, subject, profile.partner, context.now(), note);
}

/**
 * The partner's view of `Young` (keyed by the hub id, owned by psad) with the fields every
 * follow-up partner contributes: its follow-ups, its place reservations, and its trajectory events
 * (`<prefix>Events`, @inaccessible, merged by psad into `Young.trajectory`); and the partner's
 * writes (`writeResolvers`): follow-ups, offers, place reservations.
 */
export function definePartnerYoung<Context extends FollowUpContext & GuardContext & { db: DataSource }>(
  profile: SubgraphProfile,
  options: PartnerYoungOptions<Context> = {},
) {
  const Young = options.Young ?? definePartnerYoungType(profile);
  type Young = InstanceType<typeof Young>;

  /** Who follows the person here: the organisations of open follow-ups, and any the partner adds. */
  const localFollowers = async (young: YoungReference, context: Context): Promise<string[]> => {
    const open = (await context.loaders.followUpsByYoung.load(young.id)).filter(
      (followUp) => followUp.closedOn === null,
    );
    const organisations = await context.loaders.organisationById.loadMany([
      ...new Set(open.map((followUp) => followUp.organisationId)),
    ]);
    const codes = organisations.flatMap((organisation) =>
      organisation && !(organisation instanceof Error) ? [organisation.code] : [],
    );
    const extra = options.extraFollowers ? await options.extraFollowers(young, context) : [];
    return [...new Set([...codes, ...extra])].sort();
  };

  const PartnerEvent = contributedType(profile, TrajectoryEvent);

  @Resolver(() => Young)
  class PartnerYoungResolver {
    @FieldResolver(() => [FollowUp], {
      nullable: true,
      name: `${profile.fieldPrefix}FollowUps`,
      description: `Follow-ups of this young person by ${profile.label}, oldest first.`,
    })
    @PersonalData('FOLLOW_UP_SUMMARY', profile)
    async followUps(@Root() young: Young, @Ctx() context: Context): Promise<FollowUp[]> {
      const records = await context.loaders.followUpsByYoung.load(young.id);
      return followUpsOf(profile, context.loaders, records);
    }

    @FieldResolver(() => [PartnerEvent], { name: `${profile.fieldPrefix}Events`, nullable: true })
    @Directive('@inaccessible')
    @Directive(requiresSubject(profile))
    async events(@Root() young: Young, @Ctx() context: Context): Promise<TrajectoryEvent[]> {
      const [followUps, events, reservations, extra] = await Promise.all([
        context.loaders.followUpsByYoung.load(young.id),
        context.loaders.eventsByYoung.load(young.id),
        reservationEvents(profile, young.id, context),
        options.extraEvents ? options.extraEvents(young, context) : Promise.resolve([]),
      ]);
      const names = await organisationNames(context.loaders, followUps);
      return eventsForCaller(profile, young, context, localFollowers as LocalFollowers, [
        ...followUpTrajectory(profile, followUps, events, names),
        ...reservations,
        ...extra,
      ]);
    }

    @FieldResolver(() => String, { name: `${profile.fieldPrefix}Followers`, nullable: true })
    @Directive('@inaccessible')
    followers(@Root() young: Young, @Ctx() context: Context): Promise<string | null> {
      return signFollowers(context, young.id, () => localFollowers(young, context));
    }
  }

  const referenceResolvers = {
    // Any hub id is a valid reference: a partner that does not follow this person contributes empty lists.
    Young: { __resolveReference: youngReference },
  };
  const writeResolvers = [
    defineFollowUpWrites(profile, localFollowers as LocalFollowers),
    defineOfferWrites(profile),
    defineReservations(profile, Young, localFollowers as LocalFollowers),
    PlaceReservationResolver,
  ] as const;
  return {
    Young,
    PartnerYoungResolver,
    writeResolvers,
    referenceResolvers,
    access: attestedAccess(profile, localFollowers as LocalFollowers),
  };
}
