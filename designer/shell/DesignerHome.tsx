import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Demarche } from '../../engine';
import { ApiError, get, type Api } from '../../ui/api';
import { formatDateTime } from '../../ui/forms';
import { designRows } from './demarcheList';
import { downloadDefinition } from './download';
import { ImportDefinition } from './ImportDefinition';
import { NewDemarche } from './NewDemarche';
import './designer.css';

/** The designer's home: every démarche, published or drafted, and where to start a new one. */
export default function DesignerHome() {
  const queryClient = useQueryClient();
  const published = useQuery({ queryKey: ['demarches'], queryFn: () => get<Api.DemarcheList>('/api/demarches').then((r) => r.demarches) });
  const drafts = useQuery({ queryKey: ['demarche-drafts'], queryFn: () => get<Api.DraftList>('/api/demarches/drafts').then((r) => r.drafts) });
  const [exportError, setExportError] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['demarches'] });
    void queryClient.invalidateQueries({ queryKey: ['demarche-drafts'] });
  };
  const rows = designRows(published.data ?? [], drafts.data ?? []);
  const exportOne = async (id: string) => {
    setExportError(null);
    try {
      const draft = await get<Api.Draft>(`/api/demarches/${encodeURIComponent(id)}/draft`);
      downloadDefinition(draft.definition as unknown as Demarche);
    } catch (e) {
      setExportError(e instanceof ApiError ? e.message : 'L’export a échoué : réessayez.');
    }
  };
  const failed = published.error ?? drafts.error;

  return (
    <>
      <h1>Conception des démarches</h1>
      <p>Créez une démarche, modifiez son formulaire et son parcours, essayez-la puis publiez-la. Les dossiers déjà déposés restent sur leur version.</p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-6"><NewDemarche onCreated={refresh} /></div>
        <div className="fr-col-12 fr-col-md-6"><ImportDefinition known={new Set(rows.map((r) => r.id))} onImported={refresh} /></div>
      </div>
      <h2>Les démarches</h2>
      {failed && <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>{failed instanceof Error ? failed.message : 'La liste n’a pas pu être chargée.'}</p></div>}
      {exportError && <div className="fr-alert fr-alert--error fr-alert--sm" role="alert"><p>{exportError}</p></div>}
      {(published.isLoading || drafts.isLoading) ? <p role="status">Chargement…</p> : (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Démarches publiées et brouillons</caption>
            <thead>
              <tr><th scope="col">Démarche</th><th scope="col">Version publiée</th><th scope="col">Brouillon</th><th scope="col">Actions</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td><Link to={`/conception/${encodeURIComponent(r.id)}`}>{r.title}</Link><br /><span className="designer-muted">{r.id}{r.category ? ` · ${r.category}` : ''}</span></td>
                  <td>{r.publishedVersion ? `Version ${r.publishedVersion}` : <span className="fr-badge fr-badge--sm fr-badge--new">Jamais publiée</span>}</td>
                  <td>
                    {r.draft ? (
                      <>
                        Modifié le {formatDateTime(r.draft.updatedAt)}
                        <br />
                        {r.draft.sound
                          ? <span className="fr-badge fr-badge--sm fr-badge--success">Publiable</span>
                          : <span className="fr-badge fr-badge--sm fr-badge--warning">{r.draft.errors} erreur{r.draft.errors > 1 ? 's' : ''}</span>}
                      </>
                    ) : 'Aucun'}
                  </td>
                  <td>
                    <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left">
                      <li><Link className="fr-btn fr-btn--sm fr-icon-edit-line" to={`/conception/${encodeURIComponent(r.id)}`} aria-label={`Modifier ${r.title}`}>Modifier</Link></li>
                      <li><button type="button" className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-download-line" onClick={() => { void exportOne(r.id); }} aria-label={`Exporter ${r.title} en JSON`}>Exporter</button></li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
