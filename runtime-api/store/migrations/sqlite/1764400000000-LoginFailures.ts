import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wrong passwords, counted in the database so that the login limit outlives a restart (sqlite). */
export class LoginFailuresSqlite1764400000000 implements MigrationInterface {
  name = 'LoginFailuresSqlite1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE "login_failures" ("id" varchar(36) PRIMARY KEY NOT NULL, "throttle_key" varchar(300) NOT NULL, "at" varchar(24) NOT NULL)');
    await runner.query('CREATE INDEX "idx_login_failures_key" ON "login_failures" ("throttle_key", "at")');
    await runner.query('CREATE INDEX "idx_login_failures_at" ON "login_failures" ("at")');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "login_failures"');
  }
}
