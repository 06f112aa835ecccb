import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { writable } from './columns';
import { User, type UserRow } from './entities';
import type { Related } from './fast';

/** The owner of the dossier `t`, joined to it (`selectWithRelated`): a transition's notifications speak to them. */
export const DOSSIER_OWNER: Related<UserRow> = [User, 'owner', 'owner.id = t.owner_id'];

export interface NewUser {
  email: string;
  passwordHash: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services?: string[];
}

/** E-mails are compared without case or surrounding spaces. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertUser(m: EntityManager, user: NewUser, now: string): Promise<UserRow> {
  const row: UserRow = {
    id: randomUUID(),
    email: normaliseEmail(user.email),
    passwordHash: user.passwordHash,
    givenName: user.givenName.trim(),
    familyName: user.familyName.trim(),
    roles: user.roles,
    services: user.services ?? [],
    createdAt: now,
    disabledAt: null,
  };
  await m.insert(User, writable(row));
  return row;
}

export function findUserByEmail(m: EntityManager, email: string): Promise<UserRow | null> {
  return m.findOneBy(User, { email: normaliseEmail(email) });
}

export function findUserById(m: EntityManager, id: string): Promise<UserRow | null> {
  return m.findOneBy(User, { id });
}

export async function updateUser(m: EntityManager, id: string, changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<void> {
  await m.update(User, { id }, writable<UserRow>(changes));
}

export function listUsers(m: EntityManager): Promise<UserRow[]> {
  return m.find(User, { order: { familyName: 'ASC', givenName: 'ASC' } });
}

/** What may be shown of a user: never the password hash. */
export interface PublicUser {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services: string[];
}

export function publicUser(user: UserRow): PublicUser {
  return { id: user.id, email: user.email, givenName: user.givenName, familyName: user.familyName, roles: user.roles, services: user.services };
}
