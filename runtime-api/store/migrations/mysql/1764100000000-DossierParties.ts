import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizen parties of a dossier other than its owner, by e-mail (mysql). */
export class DossierPartiesMysql1764100000000 implements MigrationInterface {
  name = 'DossierPartiesMysql1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE `dossier_parties` (`dossier_id` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `role` varchar(64) NOT NULL, INDEX `idx_dossier_parties_email` (`email`), PRIMARY KEY (`dossier_id`, `email`, `role`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE `dossier_parties`');
  }
}
