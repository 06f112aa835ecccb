import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Closed dossiers by closing date, and kept answers by age: what is past its time is found without a scan (mysql). */
export class ClosedDossiersMysql1764500000000 implements MigrationInterface {
  name = 'ClosedDossiersMysql1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE INDEX `idx_dossiers_closed_at` ON `dossiers` (`closed_at`)');
    await runner.query('CREATE INDEX `idx_idempotency_created` ON `idempotency_keys` (`created_at`)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX `idx_idempotency_created` ON `idempotency_keys`');
    await runner.query('DROP INDEX `idx_dossiers_closed_at` ON `dossiers`');
  }
}
