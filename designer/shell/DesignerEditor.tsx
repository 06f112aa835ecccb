import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Demarche } from '../../engine';
import { LintPanel, PublishPanel, useLint } from '../checks';
import { downloadDefinition } from './download';
import { FormBuilder } from '../form';
import type { DesignerTab, Target } from '../pointerSelection';
import { SaveStatusLine } from './SaveStatusLine';
import type { Selection } from '../selection';
import { ScenariosPanel, Simulator } from '../simulator';
import { Tabs } from '../../ui/components';
import { useDraft } from './useDraft';
import { useRoutingTable } from './useRoutingTable';
import { WorkflowEditor } from '../workflow';
import './designer.css';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The designer of one démarche: its draft loaded from the server, edited in four tabs (the form,
 * the workflow, trying it, publishing it), checked by the linter as it changes, saved over the
 * very draft loaded, with undo and redo.
 */
export default function DesignerEditor({ id }: { id: string }) {
  const draft = useDraft(id);
  const { definition, change, undo, redo } = draft;
  const [tab, setTab] = useState<DesignerTab>('formulaire');
  const [selection, setSelection] = useState<Selection>(null);
  const problems = useLint(definition, draft.publishedVersion);
  const routing = useRoutingTable(id, draft.publishedVersion !== null);

  // Ctrl+Z / Ctrl+Y (and Cmd on a Mac) undo the designer's edits; inside a text box they undo the typing, as usual.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || typing(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
      else if (key === 'y' || (key === 'z' && e.shiftKey)) { e.preventDefault(); redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const go = useCallback((target: Target) => {
    setTab(target.tab);
    setSelection(target.selection);
  }, []);

  useEffect(() => {
    if (definition) document.title = `${definition.title || id} — Conception — Guichet`;
  }, [definition, id]);

  if (draft.loadError) {
    return (
      <>
        <h1>Démarche « {id} »</h1>
        <div className="fr-alert fr-alert--error" role="alert"><p>{draft.loadError}</p></div>
        <p className="fr-mt-2w"><Link to="/conception">Retour aux démarches</Link></p>
      </>
    );
  }
  if (!definition) return <p role="status">Chargement du brouillon…</p>;

  const onChange = (next: Demarche, group?: string) => change(next, group);
  return (
    <div className="designer">
      <p className="fr-mb-1w"><Link to="/conception" className="fr-link fr-icon-arrow-left-line fr-link--icon-left">Toutes les démarches</Link></p>
      <div className="designer-header">
        <div>
          <h1 className="fr-h2 fr-mb-1w">{definition.title || id}</h1>
          <p className="fr-text--sm fr-mb-1w">
            Identifiant : <code>{id}</code> · {draft.publishedVersion ? `version publiée : ${draft.publishedVersion}` : 'jamais publiée'}
          </p>
          <SaveStatusLine status={draft.status} onReload={() => { void draft.reload(); }} />
        </div>
        <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--icon-left designer-toolbar" aria-label="Actions sur le brouillon">
          <li><button type="button" className="fr-btn fr-btn--tertiary fr-icon-arrow-go-back-line" disabled={!draft.canUndo} onClick={undo} aria-keyshortcuts="Control+Z">Annuler</button></li>
          <li><button type="button" className="fr-btn fr-btn--tertiary fr-icon-arrow-go-forward-line" disabled={!draft.canRedo} onClick={redo} aria-keyshortcuts="Control+Y">Rétablir</button></li>
          <li><button type="button" className="fr-btn fr-btn--secondary fr-icon-save-line" disabled={draft.status.kind === 'enregistrement'} onClick={() => { void draft.save(); }}>Enregistrer le brouillon</button></li>
          <li><button type="button" className="fr-btn fr-btn--tertiary fr-icon-download-line" onClick={() => downloadDefinition(definition)}>Exporter en JSON</button></li>
        </ul>
      </div>
      <LintPanel definition={definition} problems={problems} onGo={go} />
      <Tabs<DesignerTab>
        className="designer-tabs"
        label="Conception de la démarche"
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'formulaire', label: 'Formulaire', panel: () => <FormBuilder definition={definition} routing={routing} onChange={onChange} selection={selection} onSelect={setSelection} /> },
          { id: 'parcours', label: 'Parcours', panel: () => <WorkflowEditor definition={definition} onChange={onChange} selection={selection} onSelect={setSelection} /> },
          {
            id: 'essayer', label: 'Essayer', panel: () => (
              <>
                <Simulator definition={definition} onSaveScenario={(scenario) => onChange({ ...definition, scenarios: [...(definition.scenarios ?? []), scenario] })} />
                <ScenariosPanel definition={definition} onChange={onChange} />
              </>
            ),
          },
          {
            id: 'publier', label: 'Publier', panel: () => (
              <PublishPanel
                definition={definition} publishedVersion={draft.publishedVersion} problems={problems} save={draft.save}
                onPublished={draft.setPublishedVersion}
                onShowProblems={() => document.getElementById('designer-lint-title')?.scrollIntoView({ block: 'start' })}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
