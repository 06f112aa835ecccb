import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema (mysql): users and sessions, démarches and routing tables, dossiers with their history, timers, outbox, documents, letters, notifications and idempotency keys. */
export class InitialMysql1764000000000 implements MigrationInterface {
  name = 'InitialMysql1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      "CREATE TABLE `users` (`id` varchar(36) NOT NULL, `email` varchar(254) NOT NULL, `password_hash` varchar(255) NOT NULL, `given_name` varchar(100) NOT NULL, `family_name` varchar(100) NOT NULL, `roles` longtext NOT NULL, `services` longtext NOT NULL, `created_at` varchar(24) NOT NULL, `disabled_at` varchar(24) NULL, UNIQUE INDEX `uq_users_email` (`email`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `sessions` (`token_hash` varchar(64) NOT NULL, `user_id` varchar(36) NOT NULL, `csrf_token` varchar(64) NOT NULL, `created_at` varchar(24) NOT NULL, `expires_at` varchar(24) NOT NULL, INDEX `idx_sessions_user` (`user_id`), PRIMARY KEY (`token_hash`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `demarche_versions` (`demarche_id` varchar(64) NOT NULL, `version` int NOT NULL, `title` varchar(200) NOT NULL, `category` varchar(100) NOT NULL, `definition` longtext NOT NULL, `published_at` varchar(24) NOT NULL, `published_by` varchar(36) NULL, PRIMARY KEY (`demarche_id`, `version`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `demarche_drafts` (`demarche_id` varchar(64) NOT NULL, `definition` longtext NOT NULL, `updated_at` varchar(24) NOT NULL, `updated_by` varchar(36) NULL, PRIMARY KEY (`demarche_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `routing_tables` (`demarche_id` varchar(64) NOT NULL, `version` int NOT NULL, `routing` longtext NOT NULL, `changed_at` varchar(24) NOT NULL, `changed_by` varchar(36) NULL, PRIMARY KEY (`demarche_id`, `version`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `dossiers` (`id` varchar(36) NOT NULL, `reference` varchar(32) NOT NULL, `demarche_id` varchar(64) NOT NULL, `demarche_version` int NOT NULL, `status` varchar(16) NOT NULL, `state` varchar(255) NOT NULL, `citizen_status` varchar(255) NOT NULL, `snapshot` longtext NULL, `data` longtext NOT NULL, `service` varchar(64) NULL, `site` varchar(64) NULL, `queue` varchar(64) NULL, `priority` int NOT NULL, `owner_id` varchar(36) NOT NULL, `assignee_id` varchar(36) NULL, `state_since` varchar(24) NOT NULL, `due_at` varchar(24) NOT NULL, `outcome` varchar(16) NULL, `created_at` varchar(24) NOT NULL, `submitted_at` varchar(24) NULL, `updated_at` varchar(24) NOT NULL, `closed_at` varchar(24) NULL, `version` int NOT NULL, INDEX `idx_dossiers_inbox` (`status`, `service`, `priority`, `due_at`, `id`), INDEX `idx_dossiers_owner` (`owner_id`, `updated_at`), INDEX `idx_dossiers_demarche_state` (`demarche_id`, `state`), INDEX `idx_dossiers_queue` (`queue`), INDEX `idx_dossiers_site` (`site`), INDEX `idx_dossiers_assignee` (`assignee_id`), UNIQUE INDEX `uq_dossiers_reference` (`reference`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `history` (`id` int NOT NULL AUTO_INCREMENT, `dossier_id` varchar(36) NOT NULL, `seq` int NOT NULL, `event` varchar(128) NOT NULL, `label` varchar(255) NOT NULL, `payload` longtext NOT NULL, `actor_id` varchar(36) NOT NULL, `role` varchar(64) NOT NULL, `at` varchar(24) NOT NULL, `from_states` longtext NOT NULL, `to_states` longtext NOT NULL, UNIQUE INDEX `idx_history_dossier_seq` (`dossier_id`, `seq`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `timers` (`id` varchar(36) NOT NULL, `dossier_id` varchar(36) NOT NULL, `timer_key` varchar(191) NOT NULL, `event` longtext NOT NULL, `due_at` varchar(24) NOT NULL, `attempts` int NOT NULL, UNIQUE INDEX `idx_timers_dossier_key` (`dossier_id`, `timer_key`), INDEX `idx_timers_due` (`due_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `outbox` (`id` varchar(36) NOT NULL, `dossier_id` varchar(36) NOT NULL, `seq` int NOT NULL, `effect` longtext NOT NULL, `status` varchar(16) NOT NULL, `attempts` int NOT NULL, `next_attempt_at` varchar(24) NOT NULL, `last_error` longtext NULL, `created_at` varchar(24) NOT NULL, `done_at` varchar(24) NULL, INDEX `idx_outbox_pending` (`status`, `next_attempt_at`), INDEX `idx_outbox_dossier` (`dossier_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `documents` (`id` varchar(36) NOT NULL, `dossier_id` varchar(36) NOT NULL, `kind` varchar(16) NOT NULL, `piece_id` varchar(64) NULL, `template` varchar(64) NULL, `name` varchar(255) NOT NULL, `media_type` varchar(128) NOT NULL, `size` int NOT NULL, `sha256` varchar(64) NOT NULL, `storage_path` varchar(255) NOT NULL, `uploaded_by` varchar(36) NULL, `created_at` varchar(24) NOT NULL, INDEX `idx_documents_dossier` (`dossier_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `letters` (`id` varchar(36) NOT NULL, `dossier_id` varchar(36) NOT NULL, `template` varchar(64) NOT NULL, `recipient` varchar(64) NOT NULL, `subject` varchar(255) NOT NULL, `body` longtext NOT NULL, `status` varchar(16) NOT NULL, `created_at` varchar(24) NOT NULL, `checked_by` varchar(36) NULL, `sent_at` varchar(24) NULL, INDEX `idx_letters_dossier` (`dossier_id`), INDEX `idx_letters_status` (`status`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `notifications` (`id` varchar(36) NOT NULL, `dossier_id` varchar(36) NOT NULL, `user_id` varchar(36) NULL, `role` varchar(64) NOT NULL, `subject` varchar(255) NOT NULL, `body` longtext NOT NULL, `created_at` varchar(24) NOT NULL, `read_at` varchar(24) NULL, INDEX `idx_notifications_user` (`user_id`, `created_at`), INDEX `idx_notifications_dossier` (`dossier_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
      "CREATE TABLE `idempotency_keys` (`user_id` varchar(36) NOT NULL, `idem_key` varchar(128) NOT NULL, `fingerprint` varchar(64) NOT NULL, `status` int NOT NULL, `body` longtext NOT NULL, `created_at` varchar(24) NOT NULL, PRIMARY KEY (`user_id`, `idem_key`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("DROP TABLE `idempotency_keys`");
    await runner.query("DROP TABLE `notifications`");
    await runner.query("DROP TABLE `letters`");
    await runner.query("DROP TABLE `documents`");
    await runner.query("DROP TABLE `outbox`");
    await runner.query("DROP TABLE `timers`");
    await runner.query("DROP TABLE `history`");
    await runner.query("DROP TABLE `dossiers`");
    await runner.query("DROP TABLE `routing_tables`");
    await runner.query("DROP TABLE `demarche_drafts`");
    await runner.query("DROP TABLE `demarche_versions`");
    await runner.query("DROP TABLE `sessions`");
    await runner.query("DROP TABLE `users`");
  }
}
