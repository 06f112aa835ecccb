import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wrong passwords, counted in the database so that every server process shares the login limit (mysql). */
export class LoginFailuresMysql1764400000000 implements MigrationInterface {
  name = 'LoginFailuresMysql1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE `login_failures` (`id` varchar(36) NOT NULL, `throttle_key` varchar(300) NOT NULL, `at` varchar(24) NOT NULL, INDEX `idx_login_failures_key` (`throttle_key`, `at`), INDEX `idx_login_failures_at` (`at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE `login_failures`');
  }
}
