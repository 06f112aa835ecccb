import { DEMARCHES, ROUTING } from '../../definitions';
import {
  DesignError, addField, addPage, addState, addTransition, canRedo, canUndo, commit, deleteState, fieldKeys, fieldSpec, history,
  placeState, redo, referencesTo, removeField, renameField, renameState, setStateType, transitionsOf, undo, updateField, updateTransition,
} from '../../designer';
import { lint, stateGraph, validateData, type Demarche } from '../../engine';
import { minimalDemarche } from '../fixtures/minimal';

const errors = (d: Demarche) => lint(d).filter((p) => p.severity === 'error');

describe('workflow edits', () => {
  it('adds a state at the top level and a first sub-state that becomes the initial one', () => {
    let d = addState(minimalDemarche(), '', 'instruction', { label: 'Instruction' });
    d = addState(d, 'instruction', 'lecture', { label: 'Lecture' });
    expect(d.workflow.states.instruction).toMatchObject({ initial: 'lecture', states: { lecture: { meta: { label: 'Lecture' } } } });
  });

  it('refuses a key with accents and a key already taken, saying why', () => {
    expect(() => addState(minimalDemarche(), '', 'Dépôt', { label: 'x' })).toThrow(DesignError);
    expect(() => addState(minimalDemarche(), '', 'depose', { label: 'x' })).toThrow('existe déjà');
  });

  it('renames a state and every transition, position and scenario that named it, and the result still lints clean', () => {
    let d = placeState(minimalDemarche(), 'attente_pieces', { x: 10, y: 20 });
    d = { ...d, scenarios: [{ id: 's', title: 'S', start: { at: '2026-03-02T09:00:00Z', data: {} }, steps: [{ advance: 'P1D', expect: { states: ['attente_pieces'] } }] }] };
    const renamed = renameState(d, 'attente_pieces', 'pieces_manquantes');
    expect(Object.keys(renamed.workflow.states)).toEqual(['depose', 'pieces_manquantes', 'accepte', 'refuse']);
    expect(JSON.stringify(renamed.workflow)).not.toContain('attente_pieces');
    expect(renamed.layout).toEqual({ pieces_manquantes: { x: 10, y: 20 } });
    expect(renamed.scenarios![0].steps[0].expect!.states).toEqual(['pieces_manquantes']);
    expect(errors(renamed)).toEqual([]);
    // The original is untouched: the history keeps it.
    expect(Object.keys(d.workflow.states)).toContain('attente_pieces');
  });

  it('renames a nested state of a real démarche without breaking it', () => {
    const passeport = DEMARCHES['passeport-urgence'];
    const renamed = renameState(passeport, 'recueil', 'collecte');
    expect(errors(renamed)).toEqual([]);
    const graph = stateGraph(renamed.workflow);
    expect(graph.byPath.has('collecte.rendez_vous_a_fixer')).toBe(true);
  });

  it('deletes a state with the transitions that led into it, and moves the parent’s start', () => {
    const d = deleteState(minimalDemarche(), 'attente_pieces');
    expect(d.workflow.states.attente_pieces).toBeUndefined();
    expect((d.workflow.states.depose.on as Record<string, unknown>).demander_pieces).toBeUndefined();
    const nested = deleteState(addState(addState(minimalDemarche(), '', 'g', { label: 'G' }), 'g', 'a', { label: 'A' }), 'g.a');
    expect(nested.workflow.states.g.initial).toBeUndefined();
  });

  it('connects states across the tree by giving the target an id', () => {
    let d = addState(minimalDemarche(), '', 'instruction', { label: 'Instruction' });
    d = addState(d, 'instruction', 'lecture', { label: 'Lecture' });
    const { definition } = addTransition(d, 'instruction.lecture', { kind: 'event', key: 'accepter' }, 'accepte');
    expect(definition.workflow.states.accepte.id).toBe('accepte');
    expect(definition.workflow.states.instruction.states!.lecture.on).toEqual({ accepter: '#accepte' });
    const sibling = addTransition(d, 'depose', { kind: 'event', key: 'examiner' }, 'instruction').definition;
    expect((sibling.workflow.states.depose.on as Record<string, unknown>).examiner).toBe('instruction');
  });

  it('renames the event of a transition and adds a guard to it', () => {
    const refuser = transitionsOf(minimalDemarche()).find((t) => t.ref.key === 'refuser')!;
    const { definition, ref } = updateTransition(minimalDemarche(), refuser.ref, { key: 'rejeter', guard: { type: 'condition', params: { '!!': { var: 'data.nom' } } } });
    expect(ref.key).toBe('rejeter');
    const on = definition.workflow.states.depose.on as Record<string, { guard?: unknown; target?: string }>;
    expect(on.refuser).toBeUndefined();
    expect(on.rejeter).toMatchObject({ target: 'refuse', guard: { type: 'condition' } });
    // The event is not declared yet: the linter says so, where.
    expect(errors(definition).map((p) => p.rule)).toContain('undeclared-event');
  });

  it('makes a state final, dropping what led out of it', () => {
    const d = setStateType(minimalDemarche(), 'attente_pieces', 'final');
    expect(d.workflow.states.attente_pieces).toEqual({ type: 'final', meta: d.workflow.states.attente_pieces.meta });
  });
});

describe('form edits', () => {
  function withPage(): { d: Demarche; page: string } {
    const { definition, pageId } = addPage(minimalDemarche(), 'Votre demande');
    return { d: { ...definition, form: { ...definition.form, pages: [{ ...definition.form.pages![0], fields: ['nom', 'type_acte', 'copies', 'dateNaissance'] }] } }, page: pageId };
  }

  it('adds a field whose key comes from its French title', () => {
    const { d, page } = withPage();
    const { definition, key } = addField(d, page, { type: 'code_postal', title: 'Code postal de naissance', required: true });
    expect(key).toBe('codePostalNaissance');
    expect(fieldSpec(definition, key)).toMatchObject({ type: 'code_postal', required: true, title: 'Code postal de naissance' });
    expect(validateData(definition.form.schema, { nom: 'A', type_acte: 'naissance', codePostalNaissance: '7500' })[0]).toMatchObject({ pointer: '/codePostalNaissance' });
    expect(errors(definition)).toEqual([]);
  });

  it('edits a choice’s options and reads them back', () => {
    const { d, page } = withPage();
    const { definition, key } = addField(d, page, { type: 'choix', title: 'Motif', required: true, options: [{ value: 'mariage', label: 'Mariage' }] });
    const updated = updateField(definition, key, { ...fieldSpec(definition, key), options: [{ value: 'mariage', label: 'Mariage' }, { value: 'pacs', label: 'PACS' }] });
    expect(fieldSpec(updated, key).options).toEqual([{ value: 'mariage', label: 'Mariage' }, { value: 'pacs', label: 'PACS' }]);
  });

  it('shows a field only when another has a value, as a JSON Schema condition the form and the server both apply', () => {
    const { d, page } = withPage();
    const { definition, key } = addField(d, page, { type: 'date', title: 'Date du mariage', required: true, showWhen: { field: 'type_acte', equals: 'mariage' } });
    expect(fieldSpec(definition, key).showWhen).toEqual({ field: 'type_acte', equals: 'mariage' });
    expect(fieldKeys(definition)).toContain(key);
    expect(validateData(definition.form.schema, { nom: 'A', type_acte: 'naissance' })).toEqual([]);
    expect(validateData(definition.form.schema, { nom: 'A', type_acte: 'mariage' })).toEqual([{ pointer: `/${key}`, field: 'Date du mariage', message: 'Ce champ est obligatoire.' }]);
    expect(errors(definition)).toEqual([]);
  });

  it('renames a field: pages, dependent conditions and the uiSchema follow; conditions elsewhere are flagged', () => {
    const { d, page } = withPage();
    let definition = addField(d, page, { type: 'date', title: 'Date du mariage', required: false, showWhen: { field: 'type_acte', equals: 'mariage' } }).definition;
    definition = addField(definition, page, { type: 'texte_long', title: 'Précisions', required: false }).definition;
    const renamed = renameField(renameField(definition, 'type_acte', 'typeActe'), 'precisions', 'details');
    expect(renamed.form.pages![0].fields).toContain('typeActe');
    expect(fieldSpec(renamed, 'dateMariage').showWhen).toEqual({ field: 'typeActe', equals: 'mariage' });
    expect(renamed.form.uiSchema).toEqual({ details: { 'ui:widget': 'textarea' } });
    // The template « copie » reads data.type_acte: the linter reports it at once.
    expect(errors(renamed)).toEqual([expect.objectContaining({ rule: 'unknown-field', pointer: '/templates/copie/body' })]);
  });

  it('removes a field from its page and the form', () => {
    const { d } = withPage();
    const removed = removeField(d, 'copies');
    expect(fieldKeys(removed)).not.toContain('copies');
    expect(removed.form.pages![0].fields).not.toContain('copies');
  });

  it('says what reads a field before it is renamed or removed', () => {
    const passeport = DEMARCHES['passeport-urgence'];
    const refs = referencesTo(passeport, 'titulaire', ROUTING['passeport-urgence']);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.some((r) => r.where.startsWith('Modèle'))).toBe(true);
    expect(referencesTo(passeport, 'voyage', ROUTING['passeport-urgence']).some((r) => r.where.startsWith('Règle de routage'))).toBe(true);
  });
});

describe('history', () => {
  it('undoes and redoes edits, and forgets the redo after a new edit', () => {
    let h = history(minimalDemarche());
    h = commit(h, addState(h.present, '', 'a', { label: 'A' }));
    h = commit(h, addState(h.present, '', 'b', { label: 'B' }));
    h = undo(h);
    expect(h.present.workflow.states.b).toBeUndefined();
    expect(canRedo(h)).toBe(true);
    h = redo(h);
    expect(h.present.workflow.states.b).toBeDefined();
    h = undo(undo(h));
    expect(canUndo(h)).toBe(false);
    h = commit(h, addState(h.present, '', 'c', { label: 'C' }));
    expect(canRedo(h)).toBe(false);
  });
});
