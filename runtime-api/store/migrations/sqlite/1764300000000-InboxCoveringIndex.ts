import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox index carries every column the inbox filters on (queue, site, démarche, assignee,
 * step) after its sort key (sqlite): its counts are read from the index alone.
 */
export class InboxCoveringIndexSqlite1764300000000 implements MigrationInterface {
  name = 'InboxCoveringIndexSqlite1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "idx_dossiers_inbox"');
    await runner.query('CREATE INDEX "idx_dossiers_inbox" ON "dossiers" ("status", "service", "priority", "due_at", "id", "queue", "site", "demarche_id", "assignee_id", "state")');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "idx_dossiers_inbox"');
    await runner.query('CREATE INDEX "idx_dossiers_inbox" ON "dossiers" ("status", "service", "priority", "due_at", "id")');
  }
}
