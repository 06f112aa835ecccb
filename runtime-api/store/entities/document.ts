import { EntitySchema } from 'typeorm';
import { column } from '../columns';

export type DocumentKind = 'piece' | 'genere';

/** A file of a dossier: a pièce justificative uploaded, or a document the workflow generated. The bytes live on disk. */
export interface DocumentRow {
  id: string;
  dossierId: string;
  kind: DocumentKind;
  /** The pièce it justifies, or the template it was generated from. */
  pieceId: string | null;
  template: string | null;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** Path under DATA_DIR/files. */
  storagePath: string;
  uploadedBy: string | null;
  createdAt: string;
}

export const DocumentFile = new EntitySchema<DocumentRow>({
  name: 'DocumentFile',
  tableName: 'documents',
  columns: {
    id: { ...column.id(), primary: true },
    dossierId: { ...column.id(), name: 'dossier_id' },
    kind: column.text(16),
    pieceId: column.slug({ name: 'piece_id', nullable: true }),
    template: column.slug({ nullable: true }),
    name: column.text(255),
    mediaType: column.text(128, { name: 'media_type' }),
    size: column.int(),
    sha256: column.text(64),
    storagePath: column.text(255, { name: 'storage_path' }),
    uploadedBy: { ...column.id(), name: 'uploaded_by', nullable: true },
    createdAt: column.instant({ name: 'created_at' }),
  },
  indices: [{ name: 'idx_documents_dossier', columns: ['dossierId'] }],
});
