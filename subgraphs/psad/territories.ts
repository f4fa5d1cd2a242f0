import type { DataSource } from 'typeorm';

/** The bassin codes under a territory code (itself for a bassin); empty when the code is unknown. */
export async function bassinsUnder(db: DataSource, code: string): Promise<string[]> {
  const rows: { code: string }[] = await db.query(
    `SELECT b.code FROM territory b
       LEFT JOIN territory d ON d.code = b.parent_code
      WHERE b.kind = 'BASSIN' AND (b.code = $1 OR d.code = $1 OR d.parent_code = $1)
      ORDER BY b.code`,
    [code],
  );
  return rows.map((row) => row.code);
}

/** A bassin as the matching needs it: its département and its main town's position. */
export interface BassinPlace {
  code: string;
  name: string;
  departement: string | null;
  latitude: number | null;
  longitude: number | null;
}

const geographies = new WeakMap<object, Promise<Map<string, BassinPlace>>>();

/**
 * Every bassin, read once per request (`request` is its context): one statement however many people are
 * matched.
 */
export function bassinGeography(db: DataSource, request: object): Promise<Map<string, BassinPlace>> {
  let geography = geographies.get(request);
  if (!geography) {
    geography = db
      .query(
        `SELECT code, name, parent_code AS departement, latitude, longitude FROM territory WHERE kind = 'BASSIN'`,
      )
      .then((rows: BassinPlace[]) => new Map(rows.map((row) => [row.code, row])));
    geographies.set(request, geography);
  }
  return geography;
}
