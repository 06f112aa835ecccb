import { EntitySchema } from 'typeorm';
import type { Demarche } from '../../../engine';
import { column } from '../columns';

/** A published version of a démarche: immutable; dossiers stay pinned to it. */
export interface DemarcheVersionRow {
  demarcheId: string;
  version: number;
  title: string;
  category: string;
  definition: Demarche;
  publishedAt: string;
  publishedBy: string | null;
}

export const DemarcheVersion = new EntitySchema<DemarcheVersionRow>({
  name: 'DemarcheVersion',
  tableName: 'demarche_versions',
  columns: {
    demarcheId: { ...column.slug({ name: 'demarche_id' }), primary: true },
    version: { ...column.int(), primary: true },
    title: column.text(200),
    category: column.text(100),
    definition: column.json(),
    publishedAt: column.instant({ name: 'published_at' }),
    publishedBy: { ...column.id(), name: 'published_by', nullable: true },
  },
});

/** The draft the Procédures team edits; publishing it creates the next version. */
export interface DemarcheDraftRow {
  demarcheId: string;
  definition: Demarche;
  updatedAt: string;
  updatedBy: string | null;
}

export const DemarcheDraft = new EntitySchema<DemarcheDraftRow>({
  name: 'DemarcheDraft',
  tableName: 'demarche_drafts',
  columns: {
    demarcheId: { ...column.slug({ name: 'demarche_id' }), primary: true },
    definition: column.json(),
    updatedAt: column.instant({ name: 'updated_at' }),
    updatedBy: { ...column.id(), name: 'updated_by', nullable: true },
  },
});
