import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/**
 * A wrong password, counted against a key (`adresse:<ip>`, `compte:<e-mail>`). In the database
 * rather than in memory, so that every server process sharing it counts the same attempts.
 */
export interface LoginFailureRow {
  id: string;
  key: string;
  at: string;
}

export const LoginFailure = new EntitySchema<LoginFailureRow>({
  name: 'LoginFailure',
  tableName: 'login_failures',
  columns: {
    id: { ...column.id(), primary: true },
    key: column.text(300, { name: 'throttle_key' }),
    at: column.instant(),
  },
  indices: [
    { name: 'idx_login_failures_key', columns: ['key', 'at'] },
    // Old failures are purged by date.
    { name: 'idx_login_failures_at', columns: ['at'] },
  ],
});
