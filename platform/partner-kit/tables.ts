import type { EntityManager, MigrationInterface } from 'typeorm';
import {
  CreateAccessTrail1764000009000,
  CreateAccessTrailCheckpoints1764000009100,
} from '../audit/migration';
import { CreateFollowOpenings1764000009600 } from '../audit/follow-register';
import { CreateDatasetMarker1763999999000 } from '../database/dataset-marker';
import { CreateIdempotentWrites1764000009500 } from '../database/idempotency';
import type { SubgraphProfile } from '../partners';
import {
  runRetentionPlan,
  type ExpiringRows,
  type PurgeReport,
  type RetentionPlan,
} from '../retention/purge';
import {
  FollowUpEventRecord,
  FollowUpRecord,
  OfferRecord,
  OrganisationRecord,
  PlaceReservationRecord,
} from './entities';
import {
  CreateFollowUps1764000000200,
  CreateOffers1764000000100,
  CreateOrganisations1764000000000,
} from './migrations';
import { AddOfferAudiences1764000000900 } from './offer-audience-migration';
import {
  CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED,
  CLOSED_OFFERS_NO_LONGER_RESERVED,
  FOLLOW_UP_EVENTS,
  FOLLOW_UPS,
  PLACE_RESERVATIONS,
} from './retention';
import {
  AddFollowUpWrites1764000000500,
  AddOfferWrites1764000000400,
  CreatePlaceReservations1764000000300,
  OneOpenFollowUpPerOrganisation1764000000600,
} from './write-migrations';

/**
 * How much of the partner kit a partner keeps in its database, each level holding the one before:
 * its organisations alone (the PJJ's units); their offers and place reservations too (Éducation
 * nationale); and the follow-ups of the people it accompanies (E2C, CFA, Missions locales, agriculture).
 */
export type KitTables = 'organisations' | 'offers' | 'follow-ups';

const HOLDS_OFFERS: readonly KitTables[] = ['offers', 'follow-ups'];

/** Whether a partner keeping these tables publishes offers and takes place reservations. */
export function holdsOffers(tables: KitTables): boolean {
  return HOLDS_OFFERS.includes(tables);
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function;
type MigrationClass = new () => MigrationInterface;

/** The kit's entities for these tables, then the partner's own. */
export function partnerKitEntities(tables: KitTables, ...own: EntityClass[]): EntityClass[] {
  const offers = holdsOffers(tables) ? [OfferRecord, PlaceReservationRecord] : [];
  const followUps = tables === 'follow-ups' ? [FollowUpRecord, FollowUpEventRecord] : [];
  return [OrganisationRecord, ...offers, ...followUps, ...own];
}

/** The 13-digit JavaScript timestamp TypeORM reads at the end of a migration's class name. */
function timestampOf(migration: MigrationClass): number {
  const timestamp = /\d{13}$/.exec(migration.name);
  if (!timestamp) throw new Error(`Migration ${migration.name} does not end with a 13-digit timestamp`);
  return Number(timestamp[0]);
}

/**
 * Every migration of a partner keeping these tables: the platform's (dataset marker, access
 * trail, idempotent writes), the kit's and the partner's own, in timestamp order — the order
 * TypeORM runs them in. Names never change: each database's migration table records them.
 */
export function partnerKitMigrations(tables: KitTables, ...own: MigrationClass[]): MigrationClass[] {
  const offers = holdsOffers(tables)
    ? [CreateOffers1764000000100, CreatePlaceReservations1764000000300, AddOfferWrites1764000000400]
    : [];
  const audiences = holdsOffers(tables) ? [AddOfferAudiences1764000000900] : [];
  const followUps =
    tables === 'follow-ups'
      ? [
          CreateFollowUps1764000000200,
          AddFollowUpWrites1764000000500,
          OneOpenFollowUpPerOrganisation1764000000600,
        ]
      : [];
  return [
    CreateDatasetMarker1763999999000,
    CreateOrganisations1764000000000,
    ...offers,
    ...audiences,
    ...followUps,
    ...own,
    CreateAccessTrail1764000009000,
    CreateAccessTrailCheckpoints1764000009100,
    CreateIdempotentWrites1764000009500,
    CreateFollowOpenings1764000009600,
  ].sort((a, b) => timestampOf(a) - timestampOf(b));
}

/**
 * The retention plan of a partner keeping these tables: follow-up notes and follow-ups first,
 * then the partner's own rows, then place reservations and the closed offers nothing names any
 * more (rows go before those they point at).
 */
export function partnerKitRetention(tables: KitTables, ...own: ExpiringRows[]): RetentionPlan {
  const followUps = tables === 'follow-ups' ? [FOLLOW_UP_EVENTS, FOLLOW_UPS] : [];
  const closedOffers =
    tables === 'follow-ups' ? CLOSED_OFFERS_NO_LONGER_NAMED_OR_RESERVED : CLOSED_OFFERS_NO_LONGER_RESERVED;
  const offers = holdsOffers(tables) ? [PLACE_RESERVATIONS, closedOffers] : [];
  return [...followUps, ...own, ...offers];
}

/**
 * The partner's `purgeExpired`: deletes, in one transaction, what it holds past its category's
 * period on the day of `now`.
 */
export function retentionPurge(profile: SubgraphProfile, plan: RetentionPlan) {
  return (manager: EntityManager, now: Date): Promise<PurgeReport> =>
    runRetentionPlan(manager, now, profile, plan);
}
