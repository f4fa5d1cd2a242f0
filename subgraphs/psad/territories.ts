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
