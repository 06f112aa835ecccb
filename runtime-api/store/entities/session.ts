import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** A signed-in browser. The cookie holds a random token; only its hash is stored. */
export interface SessionRow {
  tokenHash: string;
  userId: string;
  /** Sent back in the X-CSRF-Token header of every write made with the cookie. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export const Session = new EntitySchema<SessionRow>({
  name: 'Session',
  tableName: 'sessions',
  columns: {
    tokenHash: { ...column.text(64, { name: 'token_hash' }), primary: true },
    userId: { ...column.id(), name: 'user_id' },
    csrfToken: column.text(64, { name: 'csrf_token' }),
    createdAt: column.instant({ name: 'created_at' }),
    expiresAt: column.instant({ name: 'expires_at' }),
  },
  indices: [{ name: 'idx_sessions_user', columns: ['userId'] }],
});
