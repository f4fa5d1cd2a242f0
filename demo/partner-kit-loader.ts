/**
 * The demo world's share of the tables every partner has (organisations, offers, follow-ups),
 * written by each subgraph's `demo.ts` for the partner it serves.
 */
import type { EntityManager } from 'typeorm';
import { derivedId, insertInChunks } from '../platform/database/bulk-insert';
import {
  FollowUpEventRecord,
  FollowUpRecord,
  OfferRecord,
  OrganisationRecord,
} from '../platform/partner-kit/entities';
import type { SubgraphName } from '../platform/partners';
import type { DemoWorld } from './world';

/** Writes the organisations and offers that `owner` holds in the demo world. */
export async function loadOrganisationsAndOffers(
  manager: EntityManager,
  world: DemoWorld,
  owner: SubgraphName,
  withOffers = true,
): Promise<void> {
  const organisations = world.organisations
    .filter((o) => o.owner === owner)
    .map((o) =>
      Object.assign(new OrganisationRecord(), {
        id: o.id,
        kind: o.kind,
        name: o.name,
        code: o.code,
        bassinCode: o.bassin,
        commune: o.commune,
      }),
    );
  await insertInChunks(manager, OrganisationRecord, organisations);
  if (!withOffers) return;
  const offers = world.offers
    .filter((o) => o.owner === owner)
    .map((o) =>
      Object.assign(new OfferRecord(), {
        id: o.id,
        organisationId: o.organisationId,
        kind: o.kind,
        title: o.title,
        track: o.track,
        level: o.level,
        bassinCode: o.bassin,
        commune: o.commune,
        capacity: o.capacity,
        taken: o.taken,
        ageMin: o.ageMin,
        ageMax: o.ageMax,
        startsOn: o.startsOn,
        endsOn: o.endsOn,
        closedAt: null,
        audiences: o.audiences,
      }),
    );
  await insertInChunks(manager, OfferRecord, offers);
}

/** Writes the follow-ups (and their events) that `owner` holds in the demo world. */
export async function loadFollowUps(
  manager: EntityManager,
  world: DemoWorld,
  owner: SubgraphName,
): Promise<void> {
  const followUps: FollowUpRecord[] = [];
  const events: FollowUpEventRecord[] = [];
  for (const young of world.youngs) {
    young.path.forEach((step, stepIndex) => {
      if (step.type !== 'follow-up' || step.owner !== owner) return;
      const id = derivedId(young.id, stepIndex);
      followUps.push(
        Object.assign(new FollowUpRecord(), {
          id,
          youngId: young.id,
          organisationId: step.organisationId,
          offerId: step.offerId,
          programme: step.programme,
          openedOn: step.openedOn,
          closedOn: step.closedOn,
          outcome: step.outcome,
        }),
      );
      step.events.forEach((event, eventIndex) => {
        events.push(
          Object.assign(new FollowUpEventRecord(), {
            id: derivedId(id, eventIndex),
            followUpId: id,
            youngId: young.id,
            at: new Date(event.at),
            kind: event.kind,
            summary: event.summary,
          }),
        );
      });
    });
  }
  await insertInChunks(manager, FollowUpRecord, followUps);
  await insertInChunks(manager, FollowUpEventRecord, events);
}
