import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** A message shown in a person's notifications (and e-mailed when mail is configured). */
export interface NotificationRow {
  id: string;
  dossierId: string;
  /** A user when the recipient is known (the citizen), else null and `role` says who. */
  userId: string | null;
  role: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export const Notification = new EntitySchema<NotificationRow>({
  name: 'Notification',
  tableName: 'notifications',
  columns: {
    id: { ...column.id(), primary: true },
    dossierId: { ...column.id(), name: 'dossier_id' },
    userId: { ...column.id(), name: 'user_id', nullable: true },
    role: column.slug(),
    subject: column.text(255),
    body: column.longText(),
    createdAt: column.instant({ name: 'created_at' }),
    readAt: column.instant({ name: 'read_at', nullable: true }),
  },
  indices: [
    { name: 'idx_notifications_user', columns: ['userId', 'createdAt'] },
    { name: 'idx_notifications_dossier', columns: ['dossierId'] },
  ],
});
