import { createHash } from 'node:crypto';
import { CreateAccessTrail1764000009000, GENESIS_HASH } from '../../platform/audit/migration';
import { createAccessCollector } from '../../platform/audit/recorder';
import { canonical, hashRecord, type AccessRecord } from '../../platform/audit/trail';
import type { Caller } from '../../platform/auth/claims';
import { SUBGRAPH_NAMES } from '../../platform/partners';
import { migrations as agriculture } from '../../subgraphs/agriculture/migrations';
import { migrations as cfa } from '../../subgraphs/cfa/migrations';
import { migrations as e2c } from '../../subgraphs/e2c/migrations';
import { migrations as educationNationale } from '../../subgraphs/education-nationale/migrations';
import { migrations as missionsLocales } from '../../subgraphs/missions-locales/migrations';
import { migrations as pjj } from '../../subgraphs/pjj/migrations';
import { migrations as psad } from '../../subgraphs/psad/migrations';

const record: AccessRecord = {
  at: new Date('2026-11-02T09:15:00.123Z'),
  requestId: 'req-1',
  callerSub: 'agent-42',
  callerRole: 'psad-coordinator',
  callerOrg: 'PSAD-38-GRE',
  purpose: 'ACCOMPAGNEMENT',
  youngIds: ['b', 'a'],
  categoriesReturned: ['IDENTITY', 'CONTACT'],
  categoriesDenied: ['FOLLOW_UP_DETAIL'],
  fieldsReturned: ['Young.lastName', 'Young.firstName'],
  fieldsDenied: ['FollowUp.notes'],
};

describe('the canonical form of an access record', () => {
  it('does not depend on the order of keys or of list items, nor on duplicates', () => {
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as unknown as AccessRecord;
    const reordered: AccessRecord = {
      ...shuffled,
      youngIds: ['a', 'b', 'a'],
      fieldsReturned: ['Young.firstName', 'Young.lastName'],
      categoriesReturned: ['CONTACT', 'IDENTITY'],
    };
    expect(canonical(reordered)).toBe(canonical(record));
  });

  it('is JSON with a fixed key order, an ISO date and sorted lists', () => {
    expect(canonical(record)).toBe(
      '{"at":"2026-11-02T09:15:00.123Z","requestId":"req-1","callerSub":"agent-42","callerRole":"psad-coordinator","callerOrg":"PSAD-38-GRE",' +
        '"purpose":"ACCOMPAGNEMENT","youngIds":["a","b"],"categoriesReturned":["CONTACT","IDENTITY"],"categoriesDenied":["FOLLOW_UP_DETAIL"],' +
        '"fieldsReturned":["Young.firstName","Young.lastName"],"fieldsDenied":["FollowUp.notes"]}',
    );
  });

  it('tells apart records that differ in any single value', () => {
    const variants: AccessRecord[] = [
      { ...record, at: new Date('2026-11-02T09:15:00.124Z') },
      { ...record, callerOrg: 'PSAD-38-VIE' },
      { ...record, youngIds: ['a'] },
      { ...record, categoriesDenied: [] },
      // The same value moved from one list to another is a different access.
      { ...record, fieldsReturned: [...record.fieldsReturned, 'FollowUp.notes'], fieldsDenied: [] },
    ];
    for (const variant of variants) expect(canonical(variant)).not.toBe(canonical(record));
  });
});

describe('the hash of an access record', () => {
  it('is the SHA-256 of the canonical record, a newline and the previous hash', () => {
    const expected = createHash('sha256')
      .update(`${canonical(record)}\n${GENESIS_HASH}`)
      .digest('hex');
    expect(hashRecord(record, GENESIS_HASH)).toBe(expected);
    expect(hashRecord(record, GENESIS_HASH)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable across key order and changes with the previous hash', () => {
    const shuffled = Object.fromEntries(Object.entries(record).reverse()) as unknown as AccessRecord;
    expect(hashRecord(shuffled, GENESIS_HASH)).toBe(hashRecord(record, GENESIS_HASH));
    expect(hashRecord(record, 'f'.repeat(64))).not.toBe(hashRecord(record, GENESIS_HASH));
  });
});

describe('the per-request collector', () => {
  const caller: Caller = {
    sub: 'agent-42',
    role: 'ml-advisor',
    org: 'ML-GRE',
    territories: ['38-GRE'],
    purpose: 'ACCOMPAGNEMENT',
  };
  const at = new Date('2026-11-02T09:15:00Z');

  it('has nothing to write when no personal field was touched', () => {
    expect(createAccessCollector(caller, 'req-1', at).record()).toBeNull();
  });

  it('gathers every note of a request into one record, granted and refused apart', () => {
    const collector = createAccessCollector(caller, 'req-1', at);
    collector.note('y1', 'IDENTITY', 'Young.firstName', true);
    collector.note('y2', 'IDENTITY', 'Young.firstName', true);
    collector.note('y1', 'PJJ_SIGNAL', 'Young.pjjSignal', false);
    expect(collector.record()).toEqual({
      at,
      requestId: 'req-1',
      callerSub: 'agent-42',
      callerRole: 'ml-advisor',
      callerOrg: 'ML-GRE',
      purpose: 'ACCOMPAGNEMENT',
      youngIds: ['y1', 'y2'],
      categoriesReturned: ['IDENTITY'],
      categoriesDenied: ['PJJ_SIGNAL'],
      fieldsReturned: ['Young.firstName'],
      fieldsDenied: ['Young.pjjSignal'],
    });
  });
});

describe('every subgraph keeps an access trail', () => {
  const lists = {
    psad,
    'education-nationale': educationNationale,
    'missions-locales': missionsLocales,
    e2c,
    cfa,
    agriculture,
    pjj,
  };

  it.each(SUBGRAPH_NAMES)('%s lists the access-trail migration', (name) => {
    expect(lists[name]).toContain(CreateAccessTrail1764000009000);
  });
});
