import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The publics an offer is open to (`offers(filter: { public })`, and the matching of
 * `Young.suggestedOffers`): a set of OfferAudience values, checked by the database so that no
 * partner can store one the graph does not know. Offers already stored get the audiences their
 * kind, level and ages imply — the rule the demo generator follows (demo/catalogue.ts,
 * `offerAudiences`): BP, BTS and mentions complémentaires need a CAP or a bac; a place open to
 * some 16-17 year-olds meets their obligation de formation; programmes, apprenticeships, service
 * civique, micro-lycées, 1re pro places and adult training also take diploma holders.
 * Frozen once released, like every migration.
 */
export class AddOfferAudiences1764000000900 implements MigrationInterface {
  name = 'AddOfferAudiences1764000000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE offer ADD COLUMN audiences text[] NOT NULL DEFAULT '{}'
      CONSTRAINT offer_audiences_known CHECK (audiences <@ ARRAY['DECROCHES', 'OBLIGATION_FORMATION_16_18', 'WITHOUT_DIPLOMA', 'WITH_DIPLOMA']::text[]
                                              AND array_position(audiences, NULL) IS NULL)`);
    await runner.query(`UPDATE offer SET audiences = array_remove(ARRAY[
        CASE WHEN coalesce(lower(level), '') !~ '^(bp|bts|mc)' THEN 'DECROCHES' END,
        CASE WHEN age_min <= 17 AND age_max >= 16 THEN 'OBLIGATION_FORMATION_16_18' END,
        CASE WHEN coalesce(lower(level), '') !~ '^(bp|bts|mc)' THEN 'WITHOUT_DIPLOMA' END,
        CASE WHEN kind IN ('SUPPORT_PROGRAMME', 'SERVICE_CIVIQUE', 'APPRENTICESHIP', 'MICRO_LYCEE')
               OR coalesce(lower(level), '') ~ '^(bp|bts|mc|1re pro)'
               OR (kind = 'AGRICULTURAL_TRAINING' AND age_min >= 18)
             THEN 'WITH_DIPLOMA' END
      ]::text[], NULL)`);
    await runner.query('CREATE INDEX offer_audiences_idx ON offer USING gin (audiences)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX offer_audiences_idx');
    await runner.query('ALTER TABLE offer DROP COLUMN audiences');
  }
}
