import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DemoWorld } from '../../demo/world';
import type { SubgraphName } from '../partners';
import { FollowUpEventRecord, FollowUpRecord, OfferRecord, OrganisationRecord } from './entities';

const CHUNK = 1000;

/** Inserts rows in chunks: one statement per thousand rows rather than one per row. */
export async function insertInChunks<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(start, start + CHUNK) as never)
      .execute();
  }
}

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

/**
 * A deterministic uuid (v4-shaped) for the n-th record derived from a parent id: the same world
 * always yields the same ids, so a reload or another machine finds the same records.
 */
export function derivedId(parentId: string, index: number | string): string {
  const hex = createHash('sha256').update(`${parentId}/${index}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
