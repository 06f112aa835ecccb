import { useState } from 'react';
import type { Demarche } from '../../engine';
import { FIELD_TYPES, addField, addPage, fieldSpec, moveField, movePage, type FieldType } from '../model';
import type { Selection } from '../selection';
import { tryEdit } from './apply';

export interface StructureProps {
  definition: Demarche;
  selection: Selection;
  onChange: (next: Demarche, group?: string) => void;
  onSelect: (selection: Selection) => void;
}

/** The form's pages and their fields, in order: select, reorder, add. */
export function Structure({ definition, selection, onChange, onSelect }: StructureProps) {
  const pages = definition.form.pages ?? [];
  const [pageTitle, setPageTitle] = useState('');
  const [fieldTitle, setFieldTitle] = useState('');
  const [fieldType, setFieldType] = useState<FieldType>('texte');
  const [error, setError] = useState<string | null>(null);
  const selectedPage = selection?.kind === 'page' ? selection.id
    : selection?.kind === 'field' ? pages.find((p) => p.fields.includes(selection.key))?.id : undefined;
  const [targetPage, setTargetPage] = useState<string>('');
  const pageForNewField = pages.some((p) => p.id === targetPage) ? targetPage : selectedPage ?? pages[0]?.id ?? '';

  const newPage = () => {
    const result = tryEdit(() => {
      const added = addPage(definition, pageTitle.trim());
      onSelect({ kind: 'page', id: added.pageId });
      return added.definition;
    });
    setError(result.error ?? null);
    if (result.definition) { onChange(result.definition); setPageTitle(''); }
  };
  const newField = () => {
    if (!fieldTitle.trim()) { setError('Donnez un libellé au nouveau champ.'); return; }
    const choices = fieldType === 'choix' || fieldType === 'choix_multiple' ? { options: [{ value: 'option_1', label: 'Option 1' }, { value: 'option_2', label: 'Option 2' }] } : {};
    let key = '';
    const result = tryEdit(() => {
      const added = addField(definition, pageForNewField, { type: fieldType, title: fieldTitle.trim(), required: true, ...choices });
      key = added.key;
      return added.definition;
    });
    setError(result.error ?? null);
    if (result.definition) { onChange(result.definition); onSelect({ kind: 'field', key }); setFieldTitle(''); }
  };
  const titleOf = (key: string) => {
    try { return fieldSpec(definition, key).title; } catch { return key; }
  };

  return (
    <section aria-labelledby="structure-titre" className="designer-structure">
      <h3 id="structure-titre" className="fr-h5">Pages et champs</h3>
      {error && <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert"><p>{error}</p></div>}
      {pages.length === 0 && <p>Le formulaire n’a pas encore de page.</p>}
      <ol className="designer-pages">
        {pages.map((page, i) => (
          <li key={page.id} className={selectedPage === page.id ? 'designer-pages__page designer-pages__page--current' : 'designer-pages__page'}>
            <div className="designer-row">
              <button type="button" className="designer-row__select fr-text--bold" aria-current={selection?.kind === 'page' && selection.id === page.id ? 'true' : undefined} onClick={() => onSelect({ kind: 'page', id: page.id })}>
                Page {i + 1} : {page.title}
              </button>
              <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-up-line" disabled={i === 0} onClick={() => onChange(movePage(definition, page.id, i - 1))}>Monter la page {page.title}</button>
              <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-down-line" disabled={i === pages.length - 1} onClick={() => onChange(movePage(definition, page.id, i + 1))}>Descendre la page {page.title}</button>
            </div>
            {page.fields.length === 0 ? <p className="fr-text--sm fr-ml-2w fr-mb-1w">Aucun champ sur cette page.</p> : (
              <ol className="designer-fields">
                {page.fields.map((key, j) => {
                  const title = titleOf(key);
                  const current = selection?.kind === 'field' && selection.key === key;
                  return (
                    <li key={key} className={current ? 'designer-row designer-row--current' : 'designer-row'}>
                      <button type="button" className="designer-row__select" aria-current={current ? 'true' : undefined} onClick={() => onSelect({ kind: 'field', key })}>
                        {title} <span className="designer-muted">({key})</span>
                      </button>
                      <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-up-line" disabled={j === 0 && i === 0}
                        onClick={() => onChange(j > 0 ? moveField(definition, key, page.id, j - 1) : moveField(definition, key, pages[i - 1].id, pages[i - 1].fields.length))}>
                        Monter le champ {title}
                      </button>
                      <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-down-line" disabled={j === page.fields.length - 1 && i === pages.length - 1}
                        onClick={() => onChange(j < page.fields.length - 1 ? moveField(definition, key, page.id, j + 1) : moveField(definition, key, pages[i + 1].id, 0))}>
                        Descendre le champ {title}
                      </button>
                    </li>
                  );
                })}
              </ol>
            )}
          </li>
        ))}
      </ol>
      <form className="designer-add fr-mt-2w" onSubmit={(e) => { e.preventDefault(); newField(); }} aria-labelledby="ajout-champ-titre">
        <h4 id="ajout-champ-titre" className="fr-h6 fr-mb-1w">Ajouter un champ</h4>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="nouveau-champ-libelle">Libellé du nouveau champ</label>
          <input className="fr-input" id="nouveau-champ-libelle" value={fieldTitle} onChange={(e) => setFieldTitle(e.target.value)} />
        </div>
        <div className="designer-inspector__pair">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="nouveau-champ-type">Type du nouveau champ</label>
            <select className="fr-select" id="nouveau-champ-type" value={fieldType} onChange={(e) => setFieldType(e.target.value as FieldType)}>
              {Object.entries(FIELD_TYPES).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          </div>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor="nouveau-champ-page">Sur la page</label>
            <select className="fr-select" id="nouveau-champ-page" value={pageForNewField} onChange={(e) => setTargetPage(e.target.value)}>
              {pages.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
            </select>
          </div>
        </div>
        <button type="submit" className="fr-btn fr-btn--sm fr-icon-add-line fr-btn--icon-left" disabled={pages.length === 0}>Ajouter le champ</button>
      </form>
      <form className="designer-add fr-mt-2w" onSubmit={(e) => { e.preventDefault(); newPage(); }} aria-labelledby="ajout-page-titre">
        <h4 id="ajout-page-titre" className="fr-h6 fr-mb-1w">Ajouter une page</h4>
        <div className="fr-input-group">
          <label className="fr-label" htmlFor="nouvelle-page-titre">Titre de la nouvelle page</label>
          <input className="fr-input" id="nouvelle-page-titre" value={pageTitle} onChange={(e) => setPageTitle(e.target.value)} />
        </div>
        <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-add-line fr-btn--icon-left" disabled={!pageTitle.trim()}>Ajouter la page</button>
      </form>
    </section>
  );
}
