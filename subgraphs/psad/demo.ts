import type { EntityManager } from 'typeorm';
import { stepsOf, type DemoWorld } from '../../demo/world';
import { derivedId, insertInChunks } from '../../platform/partner-kit/demo';
import { CaseContactRecord, PsadCaseRecord, SieiListingRecord, TerritoryRecord, YoungRecord } from './entities';

/** psad's share of the demo world: territories, identities, SIEI listings, cases and contacts. */
export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  const schools = new Map(world.organisations.map((o) => [o.id, o]));
  // Parents before children: the territory table references itself.
  const territories = [...world.territories].sort((a, b) => depth(a.kind) - depth(b.kind));
  await insertInChunks(manager, TerritoryRecord, territories.map((t) => Object.assign(new TerritoryRecord(), t)));

  const youngs: YoungRecord[] = [];
  const listings: SieiListingRecord[] = [];
  const cases: PsadCaseRecord[] = [];
  const contacts: CaseContactRecord[] = [];
  for (const young of world.youngs) {
    youngs.push(
      Object.assign(new YoungRecord(), {
        id: young.id,
        ine: young.ine,
        firstName: young.firstName,
        lastName: young.lastName,
        birthDate: young.birthDate,
        sex: young.sex,
        commune: young.commune,
        bassinCode: young.bassin,
      }),
    );
    stepsOf(young, 'siei-listing').forEach((listing, index) => {
      const school = schools.get(listing.lastSchoolId);
      listings.push(
        Object.assign(new SieiListingRecord(), {
          id: derivedId(young.id, `siei-${index}`),
          youngId: young.id,
          campaign: listing.campaign,
          detectedOn: listing.detectedOn,
          lastSchoolUai: school?.code ?? 'inconnu',
          lastSchoolName: school?.name ?? 'établissement inconnu',
          lastClass: listing.lastClass,
          diploma: listing.diploma,
        }),
      );
    });
    stepsOf(young, 'psad-case').forEach((psadCase, index) => {
      const caseId = derivedId(young.id, `case-${index}`);
      cases.push(
        Object.assign(new PsadCaseRecord(), {
          id: caseId,
          youngId: young.id,
          campaign: psadCase.campaign,
          status: psadCase.status,
          followerOrg: psadCase.followerOrg,
          followerName: psadCase.followerName,
          openedOn: psadCase.openedOn,
          closedOn: psadCase.closedOn,
        }),
      );
      psadCase.contacts.forEach((contact, contactIndex) => {
        contacts.push(
          Object.assign(new CaseContactRecord(), {
            id: derivedId(caseId, contactIndex),
            caseId,
            youngId: young.id,
            at: new Date(contact.at),
            channel: contact.channel,
            outcome: contact.outcome,
            note: contact.note,
          }),
        );
      });
    });
  }
  await insertInChunks(manager, YoungRecord, youngs);
  await insertInChunks(manager, SieiListingRecord, listings);
  await insertInChunks(manager, PsadCaseRecord, cases);
  await insertInChunks(manager, CaseContactRecord, contacts);
}

function depth(kind: string): number {
  return kind === 'ACADEMIE' ? 0 : kind === 'DEPARTEMENT' ? 1 : 2;
}
