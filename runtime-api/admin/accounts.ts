import type { EntityManager } from 'typeorm';
import { validateData, type FieldError } from '../../engine';
import { hashPassword, isStaff, NO_PASSWORD, passwordProblem, ROLES, MIN_PASSWORD_LENGTH } from '../auth';
import { problems } from '../problems';
import { Session, User, findUserByEmail, findUserById, insertUser, normaliseEmail, updateUser, type Database, type UserRow } from '../store';
import { isUniqueViolation } from './uniqueViolation';

/** A staff account as administrators see it: never its password hash. */
export interface StaffAccount {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services: string[];
  createdAt: string;
  disabled: boolean;
  disabledAt: string | null;
  /** False until a password is set, and while the account is disabled. */
  canSignIn: boolean;
}

export function staffAccount(user: UserRow): StaffAccount {
  return {
    id: user.id, email: user.email, givenName: user.givenName, familyName: user.familyName, roles: user.roles, services: user.services,
    createdAt: user.createdAt, disabled: user.disabledAt !== null, disabledAt: user.disabledAt,
    canSignIn: user.passwordHash !== NO_PASSWORD && user.disabledAt === null,
  };
}

const roles = {
  type: 'array', title: 'Rôles', minItems: 1, uniqueItems: true,
  items: { enum: Object.keys(ROLES), title: 'Rôle' },
};
const services = {
  type: 'array', title: 'Services', uniqueItems: true,
  items: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64, title: 'Service' },
};
const name = (title: string) => ({ type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', title });
const password = { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 256, title: 'Mot de passe' };

export const newStaffSchema = {
  type: 'object',
  required: ['email', 'givenName', 'familyName', 'roles'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254, title: 'Adresse e-mail' },
    givenName: name('Prénom'),
    familyName: name('Nom'),
    roles,
    services,
    // Absent or null: the account exists but cannot sign in until a password is set.
    password: { ...password, type: ['string', 'null'] },
  },
};

export const staffChangesSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { givenName: name('Prénom'), familyName: name('Nom'), roles, services, disabled: { type: 'boolean', title: 'Désactivé' } },
};

export const passwordSchema = {
  type: 'object',
  required: ['password'],
  additionalProperties: false,
  properties: { password },
};

export interface NewStaff {
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services?: string[];
  password?: string | null;
}

export interface StaffChanges {
  givenName?: string;
  familyName?: string;
  roles?: string[];
  services?: string[];
  disabled?: boolean;
}

/** Checks input against its schema (the same for the API and the command line); a 400 with each field's French message. */
export function checked<T>(schema: object, input: unknown): T {
  const errors = validateData(schema, input);
  if (errors.length > 0) throw problems.badRequest(errors.length === 1 ? errors[0].message : 'Plusieurs champs sont invalides : voir « errors ».', errors);
  return input as T;
}

const SERVICE = /^[a-z][a-z0-9_-]*$/;

/**
 * Says precisely what is wrong with a role, a service or a name, before the schema's generic
 * messages (« choose one of… », « the format is not the one expected »).
 */
function checkValues(input: unknown): void {
  if (!input || typeof input !== 'object') return;
  const { roles: roleList, services: serviceList, givenName, familyName } = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (Array.isArray(roleList)) {
    roleList.forEach((role, i) => {
      if (typeof role === 'string' && !(role in ROLES)) errors.push({ pointer: `/roles/${i}`, field: 'Rôle', message: `« ${role} » n’est pas un rôle de la plateforme. Rôles : ${Object.keys(ROLES).map((r) => `« ${r} »`).join(', ')}.` });
    });
  }
  if (Array.isArray(serviceList)) {
    serviceList.forEach((service, i) => {
      if (typeof service === 'string' && !SERVICE.test(service)) errors.push({ pointer: `/services/${i}`, field: 'Service', message: `« ${service} » n’est pas un identifiant de service : lettres minuscules sans accent, chiffres, « - » et « _ » (par exemple « etat-civil »).` });
    });
  }
  for (const [key, value, label] of [['givenName', givenName, 'Le prénom'], ['familyName', familyName, 'Le nom']] as const) {
    if (typeof value === 'string' && value.trim() === '') errors.push({ pointer: `/${key}`, field: key === 'givenName' ? 'Prénom' : 'Nom', message: `${label} ne peut pas être vide.` });
  }
  if (errors.length > 0) throw problems.badRequest(errors.length === 1 ? errors[0].message : 'Plusieurs champs sont invalides : voir « errors ».', errors);
}

function requireStaffRole(roleList: string[]): void {
  if (!isStaff(roleList)) {
    const message = 'Un compte d’agent porte au moins un rôle autre que « usager » (les usagers créent leur compte eux-mêmes).';
    throw problems.badRequest(message, [{ pointer: '/roles', field: 'Rôles', message }]);
  }
}

function checkPassword(value: string): void {
  const weak = passwordProblem(value);
  if (weak) throw problems.badRequest(weak, [{ pointer: '/password', field: 'Mot de passe', message: weak }]);
}

/** The staff account with this id; citizens' accounts are not administered here. */
async function staffById(m: EntityManager, id: string): Promise<UserRow> {
  const user = await findUserById(m, id);
  if (!user || !isStaff(user.roles)) throw problems.notFound(`Aucun compte d’agent n’a l’identifiant « ${id} ».`);
  return user;
}

/** Every staff account (citizens excluded), by name. */
export async function listStaff(db: Database): Promise<StaffAccount[]> {
  // A citizen's roles column is exactly ["usager"]: staff are the others, without parsing JSON in SQL.
  const rows = await db.read((m) => m.createQueryBuilder(User, 'u')
    .where('u.roles <> :citizen', { citizen: JSON.stringify(['usager']) })
    .orderBy('u.familyName', 'ASC').addOrderBy('u.givenName', 'ASC').addOrderBy('u.email', 'ASC')
    .getMany());
  return rows.filter((u) => isStaff(u.roles)).map(staffAccount);
}

/** The staff account with this e-mail (for the command line), or a 404. */
export async function staffByEmail(db: Database, email: string): Promise<StaffAccount> {
  const user = await db.read((m) => findUserByEmail(m, email));
  if (!user || !isStaff(user.roles)) throw problems.notFound(`Aucun compte d’agent n’a l’adresse « ${normaliseEmail(email)} ».`);
  return staffAccount(user);
}

/** Creates a staff account; without a password it cannot sign in until one is set. */
export async function createStaff(db: Database, input: unknown, now: string): Promise<StaffAccount> {
  checkValues(input);
  const account = checked<NewStaff>(newStaffSchema, input);
  requireStaffRole(account.roles);
  if (typeof account.password === 'string') checkPassword(account.password);
  const passwordHash = typeof account.password === 'string' ? await hashPassword(account.password) : NO_PASSWORD;
  const taken = () => problems.conflict(`Un compte existe déjà avec l’adresse « ${normaliseEmail(account.email)} ».`);
  try {
    const row = await db.write(async (m) => {
      if (await findUserByEmail(m, account.email)) throw taken();
      return insertUser(m, { email: account.email, givenName: account.givenName, familyName: account.familyName, roles: account.roles, services: account.services ?? [], passwordHash }, now);
    });
    return staffAccount(row);
  } catch (e) {
    if (isUniqueViolation(e)) throw taken();
    throw e;
  }
}

/**
 * Changes a staff account's names, roles, services, or disables / enables it. `actorId` is the
 * administrator doing it (null from the command line): nobody removes their own admin role or
 * disables their own account, so that the town is never left without an administrator by mistake.
 */
export async function updateStaff(db: Database, actorId: string | null, id: string, input: unknown, now: string): Promise<StaffAccount> {
  checkValues(input);
  const changes = checked<StaffChanges>(staffChangesSchema, input);
  if (changes.roles) requireStaffRole(changes.roles);
  const row = await db.write(async (m) => {
    const user = await staffById(m, id);
    if (actorId === user.id && changes.roles && user.roles.includes('admin') && !changes.roles.includes('admin')) {
      throw problems.conflict('Vous ne pouvez pas retirer votre propre rôle « admin » : demandez-le à un autre administrateur.');
    }
    if (actorId === user.id && changes.disabled === true) {
      throw problems.conflict('Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.');
    }
    const update: Partial<UserRow> = {};
    if (changes.givenName !== undefined) update.givenName = changes.givenName.trim();
    if (changes.familyName !== undefined) update.familyName = changes.familyName.trim();
    if (changes.roles !== undefined) update.roles = changes.roles;
    if (changes.services !== undefined) update.services = changes.services;
    if (changes.disabled === true && !user.disabledAt) update.disabledAt = now;
    if (changes.disabled === false) update.disabledAt = null;
    if (Object.keys(update).length > 0) await updateUser(m, id, update);
    // A disabled account is signed out everywhere at once.
    if (update.disabledAt) await m.delete(Session, { userId: id });
    return { ...user, ...update };
  });
  return staffAccount(row);
}

/** Sets a staff account's password. Its other sessions end (the administrator's own stays open). */
export async function setStaffPassword(db: Database, actorId: string | null, id: string, input: unknown): Promise<StaffAccount> {
  const { password: value } = checked<{ password: string }>(passwordSchema, input);
  checkPassword(value);
  const passwordHash = await hashPassword(value);
  const row = await db.write(async (m) => {
    const user = await staffById(m, id);
    await updateUser(m, id, { passwordHash });
    if (actorId !== id) await m.delete(Session, { userId: id });
    return { ...user, passwordHash };
  });
  return staffAccount(row);
}
