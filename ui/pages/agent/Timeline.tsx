import { useQuery } from '@tanstack/react-query';
import type { Demarche } from '../../../engine';
import { get, type Api } from '../../api';
import { formatDateTime } from '../../forms/format';
import { Fields } from './DataView';
import { roleLabel } from './labels';

/** Engine events that are not in the definition's `events`, said in words. */
const SYSTEM_EVENTS: Record<string, string> = {
  'pieces.deposees': 'Pièces jointes au dossier',
};

/** A pièces.deposees payload, as the names of the files sent. */
function piecesSent(payload: Record<string, unknown>): string[] {
  const pieces = payload.pieces;
  if (typeof pieces !== 'object' || pieces === null) return [];
  return Object.values(pieces as Record<string, { name?: string }[]>).flat().map((p) => p.name ?? '').filter(Boolean);
}

/** What happened to the dossier, oldest first: what, when, and who by role (and by name for staff, when known). */
export function Timeline({ dossierId, definition, names }: { dossierId: string; definition: Demarche | undefined; names: Map<string, string> }) {
  const history = useQuery({
    queryKey: ['history', dossierId],
    queryFn: () => get<Api.History>(`/api/dossiers/${dossierId}/history`).then((r) => r.history),
  });
  if (history.isLoading) return <p role="status">Chargement de l’historique…</p>;
  if (history.isError) return <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>L’historique n’a pas pu être chargé.</p></div>;
  const lines = history.data ?? [];
  if (lines.length === 0) return <p>Rien ne s’est encore passé sur ce dossier.</p>;
  return (
    <ol className="guichet-timeline">
      {lines.map((h) => {
        const event = definition?.events?.[h.event];
        const files = h.event === 'pieces.deposees' ? piecesSent(h.payload) : [];
        const name = h.actorId ? names.get(h.actorId) : undefined;
        const payloadShown = event && Object.keys(h.payload ?? {}).length > 0;
        return (
          <li key={h.seq} className="guichet-timeline__item">
            <p className="fr-text--bold fr-mb-0">{h.label || event?.label || SYSTEM_EVENTS[h.event] || h.event}</p>
            <p className="fr-text--sm fr-mb-1w">
              Le {formatDateTime(h.at)} · par {roleLabel(h.role, definition)}{name ? ` (${name})` : ''}
            </p>
            {files.length > 0 && <p className="fr-text--sm fr-mb-1w">Fichiers : {files.join(', ')}</p>}
            {payloadShown && <Fields schema={event.payload as Record<string, unknown>} data={h.payload} />}
          </li>
        );
      })}
    </ol>
  );
}
