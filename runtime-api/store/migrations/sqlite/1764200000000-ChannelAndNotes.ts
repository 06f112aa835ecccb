import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How a dossier was filed (online or at the desk), and staff's private notes (sqlite). */
export class ChannelAndNotesSqlite1764200000000 implements MigrationInterface {
  name = 'ChannelAndNotesSqlite1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "dossiers" ADD COLUMN "channel" varchar(16) NOT NULL DEFAULT 'en_ligne'`);
    await runner.query('CREATE TABLE "notes" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_id" varchar(36) NOT NULL, "author_id" varchar(36) NOT NULL, "body" text NOT NULL, "created_at" varchar(24) NOT NULL)');
    await runner.query('CREATE INDEX "idx_notes_dossier" ON "notes" ("dossier_id", "created_at")');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "notes"');
    await runner.query('ALTER TABLE "dossiers" DROP COLUMN "channel"');
  }
}
