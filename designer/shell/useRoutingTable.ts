import { useQuery } from '@tanstack/react-query';
import type { RoutingTable } from '../../engine';
import { get, type Api } from '../../ui/api';

/**
 * The routing table in force for a published démarche, so that the form builder can say which of
 * its rules read a field. None for a démarche never published, nor for one still on the default
 * (everything to the front desk), whose rules read nothing.
 */
export function useRoutingTable(demarche: string, published: boolean): RoutingTable | undefined {
  // The same key as the manager's routing page: one cache for one table.
  const view = useQuery({
    queryKey: ['routing', demarche],
    queryFn: () => get<Api.RoutingView>(`/api/demarches/${demarche}/routing`),
    enabled: published,
    retry: false,
  });
  return view.data && !view.data.fallback ? (view.data.table as RoutingTable) : undefined;
}
