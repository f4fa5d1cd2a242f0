import { getMetadataArgsStorage } from 'typeorm';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/partners';
import {
  describePeriod,
  RETENTION,
  retentionPeriods,
  TRAIL_RETENTION_VARIABLE,
} from '../../platform/policy/retention';
import { DATA_CATEGORIES } from '../../platform/policy/types';
import { subtractMonths } from '../../platform/calendar';
import { retentionCutoff } from '../../platform/retention/cutoff';
import type { RetentionPlan } from '../../platform/retention/purge';
import { describeReport, parseClock } from '../../scripts/lib/retention-purge';
import { SUBGRAPH_DEFINITIONS } from '../../subgraphs';
import * as agriculture from '../../subgraphs/agriculture/retention';
import * as cfa from '../../subgraphs/cfa/retention';
import * as e2c from '../../subgraphs/e2c/retention';
import * as educationNationale from '../../subgraphs/education-nationale/retention';
import * as missionsLocales from '../../subgraphs/missions-locales/retention';
import * as pjj from '../../subgraphs/pjj/retention';
import * as psad from '../../subgraphs/psad/retention';

const RETENTION_MODULES: Record<SubgraphName, { RETENTION_PLAN: RetentionPlan; purgeExpired: unknown }> = {
  psad,
  'education-nationale': educationNationale,
  'missions-locales': missionsLocales,
  e2c,
  cfa,
  agriculture,
  pjj,
};

describe('the retention table', () => {
  it('gives every data category a period, where it runs from, and why', () => {
    expect(Object.keys(RETENTION).sort()).toEqual([...DATA_CATEGORIES].sort());
    for (const category of DATA_CATEGORIES) {
      const rule = RETENTION[category];
      expect({ category, wholeMonths: Number.isInteger(rule.months) && rule.months >= 0 }).toEqual({
        category,
        wholeMonths: true,
      });
      expect({ category, from: rule.from.length > 10, why: rule.justification.length > 20 }).toEqual({
        category,
        from: true,
        why: true,
      });
    }
  });

  it('keeps the access trail 3 years by default (DESIGN.md §5), and HUB_TRAIL_RETENTION_YEARS changes only that', () => {
    expect(RETENTION.ACCESS_LOG.months).toBe(36);
    const periods = retentionPeriods({ [TRAIL_RETENTION_VARIABLE]: '5' });
    expect(periods.ACCESS_LOG.months).toBe(60);
    for (const category of DATA_CATEGORIES.filter((c) => c !== 'ACCESS_LOG'))
      expect(periods[category]).toEqual(RETENTION[category]);
    expect(retentionPeriods({}).ACCESS_LOG.months).toBe(36);
  });

  it('refuses a trail period that is not a whole number of years, or under one year', () => {
    expect(() => retentionPeriods({ [TRAIL_RETENTION_VARIABLE]: 'three' })).toThrow(TRAIL_RETENTION_VARIABLE);
    expect(() => retentionPeriods({ [TRAIL_RETENTION_VARIABLE]: '0' })).toThrow(/at least 1/);
    expect(() => retentionPeriods({ [TRAIL_RETENTION_VARIABLE]: '1.5' })).toThrow(TRAIL_RETENTION_VARIABLE);
  });

  it('words periods for the DPO document', () => {
    expect([0, 1, 12, 18, 36].map(describePeriod)).toEqual([
      'none',
      '1 month',
      '1 year',
      '18 months',
      '3 years',
    ]);
  });
});

describe('the cutoff', () => {
  it('goes back whole calendar months', () => {
    expect(subtractMonths('2026-11-01', 36)).toBe('2023-11-01');
    expect(subtractMonths('2026-11-01', 0)).toBe('2026-11-01');
    expect(subtractMonths('2026-01-15', 1)).toBe('2025-12-15');
    expect(subtractMonths('2040-01-01', 30 * 12)).toBe('2010-01-01');
  });

  it('ends on the last day of a shorter month rather than spilling into the next', () => {
    expect(subtractMonths('2024-02-29', 12)).toBe('2023-02-28');
    expect(subtractMonths('2026-03-31', 1)).toBe('2026-02-28');
    expect(subtractMonths('2028-03-31', 1)).toBe('2028-02-29');
  });

  it('counts from the Paris day of the clock, not the UTC one', () => {
    // 23:30 UTC on 31 October is already 1 November in Paris (UTC+1 in winter).
    expect(retentionCutoff(36, new Date('2026-10-31T23:30:00Z'))).toBe('2023-11-01');
    // 22:30 UTC on 30 June is 00:30 on 1 July in Paris (UTC+2 in summer).
    expect(retentionCutoff(12, new Date('2026-06-30T22:30:00Z'))).toBe('2025-07-01');
  });

  it('keeps a record through the last day of its period', () => {
    // Closed on 2023-11-01 with 3 years: kept while the cutoff is not after that day.
    expect('2023-11-01' < retentionCutoff(36, new Date('2026-11-01T12:00:00Z'))).toBe(false);
    expect('2023-11-01' < retentionCutoff(36, new Date('2026-11-02T12:00:00Z'))).toBe(true);
  });

  it('refuses a period or a clock that makes no sense', () => {
    expect(() => retentionCutoff(-1, new Date())).toThrow(RangeError);
    expect(() => retentionCutoff(1.5, new Date())).toThrow(RangeError);
    expect(() => retentionCutoff(12, new Date('not a date'))).toThrow(RangeError);
    expect(() => subtractMonths('01/11/2026', 1)).toThrow(RangeError);
  });
});

describe('the subgraphs’ retention plans', () => {
  /** The table names of a subgraph's entities, from their TypeORM decorators. */
  function entityTables(name: SubgraphName): Map<string, string[]> {
    const entities = SUBGRAPH_DEFINITIONS[name].entities;
    const storage = getMetadataArgsStorage();
    return new Map(
      storage.tables
        .filter((table) => entities.includes(table.target as never))
        .map((table) => [
          table.name!,
          storage.columns
            .filter((column) => column.target === table.target)
            .map((column) => column.options.name ?? column.propertyName),
        ]),
    );
  }

  it('are the purge of every subgraph definition, in the same shape', () => {
    for (const name of SUBGRAPH_NAMES)
      expect({
        name,
        same: SUBGRAPH_DEFINITIONS[name].purgeExpired === RETENTION_MODULES[name].purgeExpired,
      }).toEqual({ name, same: true });
  });

  it('name only tables of their own subgraph, with a category the table has a period for', () => {
    for (const name of SUBGRAPH_NAMES) {
      const tables = entityTables(name);
      for (const rows of RETENTION_MODULES[name].RETENTION_PLAN) {
        expect({ name, table: rows.table, own: tables.has(rows.table) }).toEqual({
          name,
          table: rows.table,
          own: true,
        });
        if (rows.parent)
          expect({ name, parent: rows.parent.table, own: tables.has(rows.parent.table) }).toEqual({
            name,
            parent: rows.parent.table,
            own: true,
          });
        expect(RETENTION[rows.category]).toBeDefined();
      }
    }
  });

  it('leave no table about a young person out: every table with a young_id is purged by its subgraph', () => {
    for (const name of SUBGRAPH_NAMES) {
      const purged = new Set(RETENTION_MODULES[name].RETENTION_PLAN.map((rows) => rows.table));
      const aboutSomeone = [...entityTables(name)]
        .filter(([, columns]) => columns.includes('young_id'))
        .map(([table]) => table);
      expect({ name, forgotten: aboutSomeone.filter((table) => !purged.has(table)) }).toEqual({
        name,
        forgotten: [],
      });
    }
  });

  it('purge children before their parent, and never keep a child longer than its parent', () => {
    for (const name of SUBGRAPH_NAMES) {
      const plan = RETENTION_MODULES[name].RETENTION_PLAN;
      plan.forEach((rows, index) => {
        if (!rows.parent) return;
        const parentIndex = plan.findIndex((other) => other.table === rows.parent!.table);
        // A parent no step of the plan purges needs no order.
        if (parentIndex === -1) return;
        expect({ name, child: rows.table, before: index < parentIndex }).toEqual({
          name,
          child: rows.table,
          before: true,
        });
        expect({
          name,
          child: rows.table,
          notLonger: RETENTION[rows.category].months <= RETENTION[plan[parentIndex].category].months,
        }).toEqual({
          name,
          child: rows.table,
          notLonger: true,
        });
      });
    }
  });

  it('purge the identity record last in psad, once everything that refers to it had its turn', () => {
    expect(psad.RETENTION_PLAN.at(-1)?.table).toBe('young');
  });
});

describe('the purge command', () => {
  it('takes a day or an instant as its clock, and refuses anything loose', () => {
    expect(parseClock('2040-01-01').toISOString()).toBe('2040-01-01T12:00:00.000Z');
    expect(parseClock('2040-01-01T08:30:00+01:00').toISOString()).toBe('2040-01-01T07:30:00.000Z');
    for (const loose of ['2040-02-30', '2040-1-1', 'next year', '2040-01-01T08:30', ''])
      expect(() => parseClock(loose)).toThrow(/--now/);
  });

  it('prints each table’s count, the access trail included', () => {
    const lines = describeReport(
      {
        subgraph: 'pjj',
        now: '2040-01-01T12:00:00.000Z',
        purged: [
          { table: 'pjj_signal', category: 'PJJ_SIGNAL', cutoff: '2040-01-01', rows: 2 },
          { table: 'access_trail', category: 'ACCESS_LOG', cutoff: '2037-01-01', rows: 5 },
        ],
        total: 7,
      },
      true,
    );
    expect(lines).toEqual([
      'pjj: 7 rows would be purged',
      '  pjj_signal    PJJ_SIGNAL  cutoff 2040-01-01        2 would be purged',
      '  access_trail  ACCESS_LOG  cutoff 2037-01-01        5 would be purged',
    ]);
  });
});
