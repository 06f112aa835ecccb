import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/** A private note of staff on a dossier: never shown to the citizen. */
export interface NoteRow {
  id: string;
  dossierId: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export const Note = new EntitySchema<NoteRow>({
  name: 'Note',
  tableName: 'notes',
  columns: {
    id: { ...column.id(), primary: true },
    dossierId: { ...column.id(), name: 'dossier_id' },
    authorId: { ...column.id(), name: 'author_id' },
    body: column.longText(),
    createdAt: column.instant({ name: 'created_at' }),
  },
  indices: [{ name: 'idx_notes_dossier', columns: ['dossierId', 'createdAt'] }],
});
