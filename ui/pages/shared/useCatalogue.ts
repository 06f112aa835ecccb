import { useQueries, useQuery } from '@tanstack/react-query';
import type { Demarche } from '../../../engine';
import { get } from '../../api';

export interface CatalogueEntry {
  id: string;
  version: number;
  title: string;
  summary: string;
  category: string;
  typicalDuration: string | null;
  pieces: { id: string; label: string; description: string | null; required: unknown }[];
}

/** The published catalogue. */
export function useCatalogue() {
  return useQuery({ queryKey: ['demarches'], queryFn: () => get<{ demarches: CatalogueEntry[] }>('/api/demarches').then((r) => r.demarches) });
}

/** Every published démarche's latest definition (to name states and fields). */
export function useDefinitions(ids: string[]): Map<string, Demarche> {
  const results = useQueries({
    queries: ids.map((id) => ({ queryKey: ['demarche', id], queryFn: () => get<{ definition: Demarche }>(`/api/demarches/${id}`).then((r) => r.definition), staleTime: 60_000 })),
  });
  const map = new Map<string, Demarche>();
  results.forEach((r, i) => { if (r.data) map.set(ids[i], r.data); });
  return map;
}

/** The French label of a state path (or comma-separated paths) of a démarche. */
export function stateLabel(definition: Demarche | undefined, state: string): string {
  if (!definition) return state;
  interface Node { states?: Record<string, Node>; meta?: { label?: string } }
  return state.split(',').map((path) => {
    let node: Node | undefined = definition.workflow as Node;
    for (const key of path.split('.')) node = node?.states?.[key];
    return node?.meta?.label ?? path;
  }).join(' · ');
}
