import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** A person who signs in: a citizen (role « usager ») or a member of staff. */
export interface UserRow {
  id: string;
  email: string;
  passwordHash: string;
  givenName: string;
  familyName: string;
  /** Platform roles: usager, accueil, agent, expert, responsable, elu, procedures, manager, admin. */
  roles: string[];
  /** Services whose dossiers a member of staff works on (routing decides a dossier's service). */
  services: string[];
  createdAt: string;
  disabledAt: string | null;
}

export const User = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { ...column.id(), primary: true },
    email: column.text(254, { unique: true }),
    passwordHash: column.text(255, { name: 'password_hash' }),
    givenName: column.text(100, { name: 'given_name' }),
    familyName: column.text(100, { name: 'family_name' }),
    roles: column.json(),
    services: column.json(),
    createdAt: column.instant({ name: 'created_at' }),
    disabledAt: column.instant({ name: 'disabled_at', nullable: true }),
  },
});
