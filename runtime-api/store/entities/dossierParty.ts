import { EntitySchema } from 'typeorm';
import { column } from '../columns';

/**
 * A citizen party to a dossier other than the one who filed it (the other parent of a garde
 * alternée), found by the e-mail the form gives: lets them find the dossier in « Mes dossiers ».
 */
export interface DossierPartyRow {
  dossierId: string;
  email: string;
  role: string;
}

export const DossierParty = new EntitySchema<DossierPartyRow>({
  name: 'DossierParty',
  tableName: 'dossier_parties',
  columns: {
    dossierId: { ...column.id(), name: 'dossier_id', primary: true },
    email: { ...column.text(254), primary: true },
    role: { ...column.slug(), primary: true },
  },
  indices: [{ name: 'idx_dossier_parties_email', columns: ['email'] }],
});
