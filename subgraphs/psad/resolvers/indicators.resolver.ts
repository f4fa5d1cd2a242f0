import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { Category } from '../../../platform/policy/category';
import { badUserInput } from '../../../platform/server/errors';
import type { SubgraphContext } from '../../../platform/server/definition';
import type { PsadLoaders } from '../loaders';
import { bassinsUnder } from '../territories';
import { Indicators } from '../types/indicators.type';
import type { TerritoryKind } from '../types/territory.type';

/** DESIGN.md §5: any cell under 5 young people is suppressed. */
export const MINIMUM_COUNT = 5;
const PERIOD = /^(\d{4})-B([1-6])$/;

/** The first and the day after the last day of a two-month period (`2025-B5` → September-October 2025). */
export function periodBounds(period: string): { from: string; until: string } | null {
  const match = PERIOD.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 2;
  const day = (month: number) => new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
  return { from: day(first), until: day(first + 2) };
}

/** A count small enough to single someone out is withheld; zero says nothing about anyone. */
export function suppress(count: number): number | null {
  return count > 0 && count < MINIMUM_COUNT ? null : count;
}

interface CountsRow {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  listed: string;
  cases_opened: string;
  contacted: string;
  in_solution: string;
  unreachable_or_refused: string;
}

@Resolver(() => Indicators)
export class IndicatorsResolver {
  @Query(() => Indicators, {
    nullable: true,
    description: 'The bimonthly figures of a territory; aggregates only, small counts suppressed.',
  })
  @Category('AGGREGATES')
  async indicators(
    @Arg('scope') scope: string,
    @Arg('period') period: string,
    @Ctx() context: SubgraphContext<PsadLoaders>,
  ): Promise<Indicators> {
    const bounds = periodBounds(period);
    if (!bounds)
      throw badUserInput(
        `"period" must look like 2025-B5 (year, then B1 to B6 for each two months), got "${period.slice(0, 20)}"`,
        'period',
      );
    const bassins = await bassinsUnder(context.db, scope);
    if (bassins.length === 0) throw badUserInput(`Unknown territory "${scope.slice(0, 40)}"`, 'scope');
    // One statement: every count of every bassin, each over the period.
    const rows: CountsRow[] = await context.db.query(
      `SELECT t.code, t.name, t.kind, t.parent_code,
              (SELECT count(DISTINCT s.young_id) FROM siei_listing s JOIN young y ON y.id = s.young_id
                WHERE y.bassin_code = t.code AND s.detected_on >= $2 AND s.detected_on < $3) AS listed,
              (SELECT count(*) FROM psad_case c JOIN young y ON y.id = c.young_id
                WHERE y.bassin_code = t.code AND c.opened_on >= $2 AND c.opened_on < $3) AS cases_opened,
              (SELECT count(DISTINCT k.young_id) FROM case_contact k JOIN young y ON y.id = k.young_id
                WHERE y.bassin_code = t.code AND k.at >= $2 AND k.at < $3) AS contacted,
              (SELECT count(*) FROM psad_case c JOIN young y ON y.id = c.young_id
                WHERE y.bassin_code = t.code AND c.status = 'IN_SOLUTION' AND c.closed_on >= $2 AND c.closed_on < $3) AS in_solution,
              (SELECT count(*) FROM psad_case c JOIN young y ON y.id = c.young_id
                WHERE y.bassin_code = t.code AND c.status IN ('UNREACHABLE', 'REFUSED') AND c.closed_on >= $2 AND c.closed_on < $3) AS unreachable_or_refused
         FROM territory t WHERE t.code = ANY($1) ORDER BY t.code`,
      [bassins, bounds.from, bounds.until],
    );
    return {
      scope,
      period,
      minimumCount: MINIMUM_COUNT,
      rows: rows.map((row) => {
        const counts = [
          row.listed,
          row.cases_opened,
          row.contacted,
          row.in_solution,
          row.unreachable_or_refused,
        ].map((value) => suppress(Number(value)));
        const [listed, casesOpened, contacted, inSolution, unreachableOrRefused] = counts;
        return {
          territory: {
            code: row.code,
            name: row.name,
            kind: row.kind as TerritoryKind,
            parentCode: row.parent_code,
          },
          listed,
          casesOpened,
          contacted,
          inSolution,
          unreachableOrRefused,
          suppressed: counts.some((count) => count === null),
        };
      }),
    };
  }
}
