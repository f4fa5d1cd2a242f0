import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { NonEmptyArray } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { defineAccessLogContribution } from '../audit/access-log';
import { defineFollowRegister } from '../audit/follow-register';
import { buildFederatedSchema } from '../graphql/federation';
import type { TrajectoryEvent } from '../graphql/types';
import type { SubgraphProfile } from '../partners';
import type { GuardOptions } from '../policy/context';
import {
  attestedAccess,
  definePartnerYoungType,
  youngReference,
  type LocalFollowers,
  type SubjectReference,
} from '../policy/subject';
import type { SubgraphDefinition } from '../server/definition';
import { FollowUpResolver } from './follow-ups';
import { defineOfferContribution } from './offers';
import { defineOfferWrites } from './offer-writes';
import { defineReservations, PlaceReservationResolver } from './reservations';
import { defineCandidateOffers, type CandidateOptions } from './suggestions';
import { holdsOffers, type KitTables } from './tables';
import { definePartnerYoung, type PartnerYoungType } from './young';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ResolverClass = Function;

/**
 * What a partner reads from its own records about one person, for the kit's fields: typed
 * loosely (`never`) so that each partner passes its functions over its own context.
 */
type PartnerRead<Result> = (young: SubjectReference, context: never) => Promise<Result>;

export interface PartnerKitOptions {
  /** The kit's tables the partner keeps (platform/partner-kit/tables.ts). */
  tables: KitTables;
  /** The partner's `Young`, when its own resolvers extend it; else the kit defines it. */
  Young?: PartnerYoungType;
  /**
   * Who follows the person through the partner's own records (contracts, the obligation, enrolments,
   * signals); with follow-ups, added to the organisations of the open ones.
   */
  followers?: PartnerRead<string[]>;
  /** With follow-ups: the trajectory events the partner records outside them. */
  events?: PartnerRead<TrajectoryEvent[]>;
  /** With offers: the partner's own facts about the person added to its candidate offers. */
  annotate?: CandidateOptions<never>['annotate'];
  /**
   * Whether the partner's writes make organisations followers, and so keep the DPO's register of them
   * (`<prefix>FollowOpenings`, platform/audit/follow-register.ts); by default, with follow-ups.
   */
  createsFollows?: boolean;
}

/** The kit's part of one partner's schema: its types, resolvers and entity references. */
export interface PartnerKit {
  profile: SubgraphProfile;
  Young: PartnerYoungType;
  resolvers: ResolverClass[];
  orphanedTypes: ResolverClass[];
  referenceResolvers: GraphQLResolverMap<unknown>;
  /** How the partner's categorized fields are guarded: the subject of the person, with its followers. */
  access: GuardOptions<never>;
}

const noFollowers: LocalFollowers = () => Promise.resolve([]);

/**
 * The kit's types and resolvers for one partner: with follow-ups, `Young.<prefix>FollowUps`,
 * its trajectory events and followers, and the follow-up writes; with offers, the offer and
 * place-reservation writes, its candidate offers for psad and its part of `offers(filter)`;
 * always its part of `accessLog(youngId)` and the reference resolver of `Young`.
 *
 * type-graphql prints types, fields and mutations in the order their classes were created, and
 * this creates the kit's: a partner calls it where its published SDL puts them (after its own
 * `Young` fields, before its own mutations).
 */
export function definePartnerKit(profile: SubgraphProfile, options: PartnerKitOptions): PartnerKit {
  const offers = holdsOffers(options.tables);
  let Young = options.Young;
  let access: GuardOptions<never>;
  const resolvers: ResolverClass[] = [];
  if (options.tables === 'follow-ups') {
    const young = definePartnerYoung(profile, {
      Young,
      extraEvents: options.events as never,
      extraFollowers: options.followers as never,
    });
    Young = young.Young;
    access = young.access;
    resolvers.push(young.PartnerYoungResolver, FollowUpResolver, ...young.writeResolvers);
  } else {
    const followers = (options.followers ?? noFollowers) as LocalFollowers;
    access = attestedAccess(profile, followers);
    if (offers) {
      if (!Young)
        throw new Error(`${profile.label}: a partner with offers and no follow-ups names its Young`);
      resolvers.push(
        defineOfferWrites(profile),
        defineReservations(profile, Young, followers),
        PlaceReservationResolver,
      );
    }
  }
  if (offers) {
    const candidates = defineCandidateOffers(profile, Young!, access, { annotate: options.annotate });
    resolvers.push(candidates.CandidateOffersResolver);
  }
  const accessLog = defineAccessLogContribution(profile);
  resolvers.push(accessLog.AccessLogResolver);
  if (options.createsFollows ?? options.tables === 'follow-ups')
    resolvers.push(defineFollowRegister(profile));
  const offerConnection = offers ? defineOfferContribution(profile) : undefined;
  // Defined last when nothing above used it, as the PJJ's schema has always printed it.
  Young ??= definePartnerYoungType(profile);
  return {
    profile,
    Young,
    resolvers,
    orphanedTypes: [Young, accessLog.AccessLog, ...(offerConnection ? [offerConnection.type] : [])],
    referenceResolvers: {
      // Any hub id is a valid reference: a partner holding nothing about the person contributes nothing.
      Young: { __resolveReference: youngReference },
      ...offerConnection?.referenceResolvers,
      ...accessLog.referenceResolvers,
    } as GraphQLResolverMap<unknown>,
    access,
  };
}

/** One partner's schema: the kit's part, its own resolvers and types, and its per-request loaders. */
export interface PartnerSchema<Loaders> {
  kit: PartnerKit;
  resolvers?: ResolverClass[];
  orphanedTypes?: ResolverClass[];
  createLoaders(db: DataSource): Loaders;
}

/** What a partner keeps in its database, and how its demo rows get there. */
export type PartnerStorage<Demo> = Pick<
  SubgraphDefinition<unknown, Demo>,
  'entities' | 'migrations' | 'loadDemo' | 'purgeExpired'
>;

/**
 * A partner subgraph from its schema and its storage, with the kit's part of the schema included:
 * what `listen`, the composition script and the tests see of it.
 */
export function definePartnerSubgraph<Loaders, Demo>(
  schema: PartnerSchema<Loaders>,
  storage: PartnerStorage<Demo>,
): SubgraphDefinition<Loaders, Demo> {
  const { kit } = schema;
  return {
    profile: kit.profile,
    ...storage,
    createLoaders: schema.createLoaders,
    buildSchema: () =>
      buildFederatedSchema({
        resolvers: [...(schema.resolvers ?? []), ...kit.resolvers] as NonEmptyArray<ResolverClass>,
        orphanedTypes: [...kit.orphanedTypes, ...(schema.orphanedTypes ?? [])],
        referenceResolvers: kit.referenceResolvers,
        access: kit.access,
      }),
  };
}
