import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each bassin is, for the distances of `Young.suggestedOffers`: the latitude and longitude
 * of its main town (WGS 84, degrees). Only bassins have them; the CHECKs keep them in range and
 * paired. The académie de Grenoble's bassins already stored get their main town's coordinates
 * (the same as platform/reference/territories.ts); a bassin created later must bring its own.
 */
export class AddBassinCoordinates1764000001900 implements MigrationInterface {
  name = 'AddBassinCoordinates1764000001900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE territory
      ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
      ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
      ADD CONSTRAINT territory_coordinates_paired CHECK ((latitude IS NULL) = (longitude IS NULL)),
      ADD CONSTRAINT territory_coordinates_of_bassins CHECK (latitude IS NULL OR kind = 'BASSIN')`);
    await runner.query(`UPDATE territory t SET latitude = c.latitude, longitude = c.longitude
      FROM (VALUES
        ('07-MER', 44.6203, 4.3906), ('07-VER', 45.2397, 4.6708),
        ('26-CEN', 44.9334, 4.8924), ('26-COL', 45.0436, 5.0514), ('26-SUD', 44.5581, 4.7509),
        ('38-GRE', 45.1885, 5.7245), ('38-CEN', 45.3642, 5.5888), ('38-RHO', 45.5255, 4.8744), ('38-NOR', 45.5861, 5.2736),
        ('74-ANN', 45.8992, 6.1294), ('74-FMB', 46.0606, 6.5797), ('74-GEN', 46.1934, 6.2342), ('74-CHA', 46.3705, 6.4793),
        ('73-CHY', 45.5646, 5.9178), ('73-ALB', 45.6755, 6.3925), ('73-MAU', 45.2763, 6.3459)
      ) AS c (code, latitude, longitude)
      WHERE t.code = c.code AND t.kind = 'BASSIN'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE territory DROP COLUMN latitude, DROP COLUMN longitude');
  }
}
