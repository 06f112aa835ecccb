import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema (sqlite): users and sessions, démarches and routing tables, dossiers with their history, timers, outbox, documents, letters, notifications and idempotency keys. */
export class InitialSqlite1764000000000 implements MigrationInterface {
  name = 'InitialSqlite1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      'CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "email" varchar(254) NOT NULL, "password_hash" varchar(255) NOT NULL, "given_name" varchar(100) NOT NULL, "family_name" varchar(100) NOT NULL, "roles" text NOT NULL, "services" text NOT NULL, "created_at" varchar(24) NOT NULL, "disabled_at" varchar(24), CONSTRAINT "uq_users_email" UNIQUE ("email"))',
      'CREATE TABLE "sessions" ("token_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" varchar(24) NOT NULL, "expires_at" varchar(24) NOT NULL)',
      'CREATE INDEX "idx_sessions_user" ON "sessions" ("user_id")',
      'CREATE TABLE "demarche_versions" ("demarche_id" varchar(64) NOT NULL, "version" integer NOT NULL, "title" varchar(200) NOT NULL, "category" varchar(100) NOT NULL, "definition" text NOT NULL, "published_at" varchar(24) NOT NULL, "published_by" varchar(36), PRIMARY KEY ("demarche_id", "version"))',
      'CREATE TABLE "demarche_drafts" ("demarche_id" varchar(64) PRIMARY KEY NOT NULL, "definition" text NOT NULL, "updated_at" varchar(24) NOT NULL, "updated_by" varchar(36))',
      'CREATE TABLE "routing_tables" ("demarche_id" varchar(64) NOT NULL, "version" integer NOT NULL, "routing" text NOT NULL, "changed_at" varchar(24) NOT NULL, "changed_by" varchar(36), PRIMARY KEY ("demarche_id", "version"))',
      'CREATE TABLE "dossiers" ("id" varchar(36) PRIMARY KEY NOT NULL, "reference" varchar(32) NOT NULL, "demarche_id" varchar(64) NOT NULL, "demarche_version" integer NOT NULL, "status" varchar(16) NOT NULL, "state" varchar(255) NOT NULL, "citizen_status" varchar(255) NOT NULL, "snapshot" text, "data" text NOT NULL, "service" varchar(64), "site" varchar(64), "queue" varchar(64), "priority" integer NOT NULL, "owner_id" varchar(36) NOT NULL, "assignee_id" varchar(36), "state_since" varchar(24) NOT NULL, "due_at" varchar(24) NOT NULL, "outcome" varchar(16), "created_at" varchar(24) NOT NULL, "submitted_at" varchar(24), "updated_at" varchar(24) NOT NULL, "closed_at" varchar(24), "version" integer NOT NULL, CONSTRAINT "uq_dossiers_reference" UNIQUE ("reference"))',
      'CREATE INDEX "idx_dossiers_inbox" ON "dossiers" ("status", "service", "priority", "due_at", "id")',
      'CREATE INDEX "idx_dossiers_owner" ON "dossiers" ("owner_id", "updated_at")',
      'CREATE INDEX "idx_dossiers_demarche_state" ON "dossiers" ("demarche_id", "state")',
      'CREATE INDEX "idx_dossiers_queue" ON "dossiers" ("queue")',
      'CREATE INDEX "idx_dossiers_site" ON "dossiers" ("site")',
      'CREATE INDEX "idx_dossiers_assignee" ON "dossiers" ("assignee_id")',
      'CREATE TABLE "history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "dossier_id" varchar(36) NOT NULL, "seq" integer NOT NULL, "event" varchar(128) NOT NULL, "label" varchar(255) NOT NULL, "payload" text NOT NULL, "actor_id" varchar(36) NOT NULL, "role" varchar(64) NOT NULL, "at" varchar(24) NOT NULL, "from_states" text NOT NULL, "to_states" text NOT NULL)',
      'CREATE UNIQUE INDEX "idx_history_dossier_seq" ON "history" ("dossier_id", "seq")',
      'CREATE TABLE "timers" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_id" varchar(36) NOT NULL, "timer_key" varchar(191) NOT NULL, "event" text NOT NULL, "due_at" varchar(24) NOT NULL, "attempts" integer NOT NULL)',
      'CREATE UNIQUE INDEX "idx_timers_dossier_key" ON "timers" ("dossier_id", "timer_key")',
      'CREATE INDEX "idx_timers_due" ON "timers" ("due_at")',
      'CREATE TABLE "outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_id" varchar(36) NOT NULL, "seq" integer NOT NULL, "effect" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" varchar(24) NOT NULL, "last_error" text, "created_at" varchar(24) NOT NULL, "done_at" varchar(24))',
      'CREATE INDEX "idx_outbox_pending" ON "outbox" ("status", "next_attempt_at")',
      'CREATE INDEX "idx_outbox_dossier" ON "outbox" ("dossier_id")',
      'CREATE TABLE "documents" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_id" varchar(36) NOT NULL, "kind" varchar(16) NOT NULL, "piece_id" varchar(64), "template" varchar(64), "name" varchar(255) NOT NULL, "media_type" varchar(128) NOT NULL, "size" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storage_path" varchar(255) NOT NULL, "uploaded_by" varchar(36), "created_at" varchar(24) NOT NULL)',
      'CREATE INDEX "idx_documents_dossier" ON "documents" ("dossier_id")',
      'CREATE TABLE "letters" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_id" varchar(36) NOT NULL, "template" varchar(64) NOT NULL, "recipient" varchar(64) NOT NULL, "subject" varchar(255) NOT NULL, "body" text NOT NULL, "status" varchar(16) NOT NULL, "created_at" varchar(24) NOT NULL, "checked_by" varchar(36), "sent_at" varchar(24))',
      'CREATE INDEX "idx_letters_dossier" ON "letters" ("dossier_id")',
      'CREATE INDEX "idx_letters_status" ON "letters" ("status", "created_at")',
      'CREATE TABLE "notifications" ("id" varchar(36) PRIMARY KEY NOT NULL, "dossier_id" varchar(36) NOT NULL, "user_id" varchar(36), "role" varchar(64) NOT NULL, "subject" varchar(255) NOT NULL, "body" text NOT NULL, "created_at" varchar(24) NOT NULL, "read_at" varchar(24))',
      'CREATE INDEX "idx_notifications_user" ON "notifications" ("user_id", "created_at")',
      'CREATE INDEX "idx_notifications_dossier" ON "notifications" ("dossier_id")',
      'CREATE TABLE "idempotency_keys" ("user_id" varchar(36) NOT NULL, "idem_key" varchar(128) NOT NULL, "fingerprint" varchar(64) NOT NULL, "status" integer NOT NULL, "body" text NOT NULL, "created_at" varchar(24) NOT NULL, PRIMARY KEY ("user_id", "idem_key"))',
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "idempotency_keys"');
    await runner.query('DROP TABLE "notifications"');
    await runner.query('DROP TABLE "letters"');
    await runner.query('DROP TABLE "documents"');
    await runner.query('DROP TABLE "outbox"');
    await runner.query('DROP TABLE "timers"');
    await runner.query('DROP TABLE "history"');
    await runner.query('DROP TABLE "dossiers"');
    await runner.query('DROP TABLE "routing_tables"');
    await runner.query('DROP TABLE "demarche_drafts"');
    await runner.query('DROP TABLE "demarche_versions"');
    await runner.query('DROP TABLE "sessions"');
    await runner.query('DROP TABLE "users"');
  }
}
