/** The citizen pages' data: their dossiers, one dossier and what goes with it, a démarche's definition. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, type Api } from '../../api';

export const keys = {
  mine: ['mes-dossiers'] as const,
  dossier: (id: string) => ['dossier', id] as const,
  documents: (id: string) => ['dossier', id, 'documents'] as const,
  history: (id: string) => ['dossier', id, 'history'] as const,
  letters: (id: string) => ['dossier', id, 'letters'] as const,
  demarche: (id: string, version?: number) => (version ? ['demarche', id, version] as const : ['demarche', id] as const),
};

export function useMyDossiers() {
  return useQuery({ queryKey: keys.mine, queryFn: ({ signal }) => get<Api.DossierList>('/api/dossiers', signal).then((r) => r.dossiers) });
}

export function useDossier(id: string | undefined) {
  return useQuery({
    queryKey: keys.dossier(id ?? ''),
    queryFn: ({ signal }) => get<Api.Dossier>(`/api/dossiers/${id}`, signal),
    enabled: !!id,
    staleTime: 0,
  });
}

export function useDocuments(id: string | undefined) {
  return useQuery({
    queryKey: keys.documents(id ?? ''),
    queryFn: ({ signal }) => get<Api.DocumentList>(`/api/dossiers/${id}/documents`, signal).then((r) => r.documents),
    enabled: !!id,
    staleTime: 0,
  });
}

export function useHistory(id: string | undefined) {
  return useQuery({
    queryKey: keys.history(id ?? ''),
    queryFn: ({ signal }) => get<Api.History>(`/api/dossiers/${id}/history`, signal).then((r) => r.history),
    enabled: !!id,
    staleTime: 0,
  });
}

export function useLetters(id: string | undefined) {
  return useQuery({
    queryKey: keys.letters(id ?? ''),
    queryFn: ({ signal }) => get<Api.LetterList>(`/api/dossiers/${id}/letters`, signal).then((r) => r.letters),
    enabled: !!id,
    staleTime: 0,
  });
}

/** A démarche with its definition: in the given version (a dossier's), or the one published now. */
export function useDemarche(id: string | undefined, version?: number) {
  return useQuery({
    queryKey: keys.demarche(id ?? '', version),
    queryFn: ({ signal }) => get<Api.Demarche>(version ? `/api/demarches/${id}/versions/${version}` : `/api/demarches/${id}`, signal),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
}

/** After a change to a dossier: everything shown about it is read again. */
export function useRefreshDossier() {
  const client = useQueryClient();
  return async (id: string, dossier?: Api.Dossier) => {
    if (dossier) client.setQueryData(keys.dossier(id), dossier);
    await Promise.all([
      client.invalidateQueries({ queryKey: ['dossier', id] }),
      client.invalidateQueries({ queryKey: keys.mine }),
    ]);
  };
}

/** The address where a document is downloaded. */
export function documentUrl(dossierId: string, documentId: string): string {
  return `/api/dossiers/${dossierId}/documents/${documentId}`;
}
