import { EntitySchema } from 'typeorm';
import { column } from '../columns';

export type LetterStatus = 'a_verifier' | 'envoye' | 'annule';

/** A generated courrier: an agent checks (and may edit) it before it is sent. */
export interface LetterRow {
  id: string;
  dossierId: string;
  template: string;
  /** The role it is addressed to (usager, coparent…). */
  recipient: string;
  subject: string;
  body: string;
  status: LetterStatus;
  createdAt: string;
  checkedBy: string | null;
  sentAt: string | null;
}

export const Letter = new EntitySchema<LetterRow>({
  name: 'Letter',
  tableName: 'letters',
  columns: {
    id: { ...column.id(), primary: true },
    dossierId: { ...column.id(), name: 'dossier_id' },
    template: column.slug(),
    recipient: column.slug(),
    subject: column.text(255),
    body: column.longText(),
    status: column.text(16),
    createdAt: column.instant({ name: 'created_at' }),
    checkedBy: { ...column.id(), name: 'checked_by', nullable: true },
    sentAt: column.instant({ name: 'sent_at', nullable: true }),
  },
  indices: [
    { name: 'idx_letters_dossier', columns: ['dossierId'] },
    { name: 'idx_letters_status', columns: ['status', 'createdAt'] },
  ],
});
