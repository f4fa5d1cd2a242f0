import type { EntityManager } from 'typeorm';
import { stepsOf, type DemoWorld } from '../../demo/world';
import { derivedId, insertInChunks } from '../../platform/database/bulk-insert';
import {
  CaseContactRecord,
  LegalRepresentativeRecord,
  OrganisationDirectoryRecord,
  PsadCaseRecord,
  SieiListingRecord,
  TerritoryRecord,
  YoungContactRecord,
  YoungRecord,
} from './entities';
import { ADULT_FIRST_NAMES } from '../../demo/names';
import type { DemoYoung } from '../../demo/world';

/**
 * psad's share of the demo world: territories, the directory of the partners' organisations, identities,
 * SIEI listings, cases and contacts.
 */
export async function loadDemo(manager: EntityManager, world: DemoWorld): Promise<void> {
  const schools = new Map(world.organisations.map((o) => [o.id, o]));
  // Parents before children: the territory table references itself.
  const territories = [...world.territories].sort((a, b) => depth(a.kind) - depth(b.kind));
  await insertInChunks(
    manager,
    TerritoryRecord,
    territories.map((t) => Object.assign(new TerritoryRecord(), t)),
  );

  await insertInChunks(
    manager,
    OrganisationDirectoryRecord,
    world.organisations.map((o) =>
      Object.assign(new OrganisationDirectoryRecord(), {
        code: o.code,
        name: o.name,
        kind: o.kind,
        partner: o.owner,
        bassinCode: o.bassin,
      }),
    ),
  );

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
          // The demo loads each case as it stands today, without its history.
          version: 1,
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
  await insertInChunks(manager, YoungContactRecord, world.youngs.map(contactOf));
  await insertInChunks(manager, LegalRepresentativeRecord, world.youngs.flatMap(representativesOf));
  await insertInChunks(manager, SieiListingRecord, listings);
  await insertInChunks(manager, PsadCaseRecord, cases);
  await insertInChunks(manager, CaseContactRecord, contacts);
}

function depth(kind: string): number {
  return kind === 'ACADEMIE' ? 0 : kind === 'DEPARTEMENT' ? 1 : 2;
}

/** A stable pseudo-random number from an id, so that contact details are the same on every load. */
function digitsOf(id: string, salt: string, count: number): string {
  return BigInt(`0x${derivedId(id, salt).replace(/-/g, '')}`)
    .toString()
    .slice(-count)
    .padStart(count, '0');
}

function phoneOf(id: string, salt: string): string {
  return `06 ${digitsOf(id, salt, 8).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
}

/** Contact details are invented from the person's name and id: the demo holds no real person. */
function contactOf(young: DemoYoung): YoungContactRecord {
  const local = `${young.firstName}.${young.lastName}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return Object.assign(new YoungContactRecord(), {
    youngId: young.id,
    phone: phoneOf(young.id, 'phone'),
    email: `${local}@example.org`,
    address: `${Number(digitsOf(young.id, 'street', 2)) + 1} rue de la République, ${young.commune}`,
  });
}

function representativesOf(young: DemoYoung): LegalRepresentativeRecord[] {
  const pick = (salt: string) =>
    ADULT_FIRST_NAMES[Number(digitsOf(young.id, salt, 4)) % ADULT_FIRST_NAMES.length];
  return (['MOTHER', 'FATHER'] as const).map((relationship) =>
    Object.assign(new LegalRepresentativeRecord(), {
      id: derivedId(young.id, `representative-${relationship}`),
      youngId: young.id,
      name: `${pick(relationship)} ${young.lastName}`,
      relationship,
      phone: phoneOf(young.id, relationship),
    }),
  );
}
