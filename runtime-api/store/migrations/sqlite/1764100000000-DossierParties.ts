import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizen parties of a dossier other than its owner, by e-mail (sqlite). */
export class DossierPartiesSqlite1764100000000 implements MigrationInterface {
  name = 'DossierPartiesSqlite1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE "dossier_parties" ("dossier_id" varchar(36) NOT NULL, "email" varchar(254) NOT NULL, "role" varchar(64) NOT NULL, PRIMARY KEY ("dossier_id", "email", "role"))');
    await runner.query('CREATE INDEX "idx_dossier_parties_email" ON "dossier_parties" ("email")');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "dossier_parties"');
  }
}
