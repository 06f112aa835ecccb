import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How a dossier was filed (online or at the desk), and staff's private notes (mysql). */
export class ChannelAndNotesMysql1764200000000 implements MigrationInterface {
  name = 'ChannelAndNotesMysql1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query("ALTER TABLE `dossiers` ADD COLUMN `channel` varchar(16) NOT NULL DEFAULT 'en_ligne'");
    await runner.query('CREATE TABLE `notes` (`id` varchar(36) NOT NULL, `dossier_id` varchar(36) NOT NULL, `author_id` varchar(36) NOT NULL, `body` longtext NOT NULL, `created_at` varchar(24) NOT NULL, INDEX `idx_notes_dossier` (`dossier_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE `notes`');
    await runner.query('ALTER TABLE `dossiers` DROP COLUMN `channel`');
  }
}
