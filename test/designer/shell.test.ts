import { addField, definitionFileName, definitionJson, demarcheIdFrom, parseDefinitionFile, skeleton, targetOf } from '../../designer';
// eslint-disable-next-line no-restricted-imports -- the form builder's pure helpers, without its screens (which bring rjsf, ES modules only).
import { addPiece, logicToShowWhen, removePiece, showWhenFields, showWhenToLogic, updatePiece } from '../../designer/form';
import { lint, type Demarche } from '../../engine';
import { minimalDemarche } from '../fixtures/minimal';

// The form layer's index brings rjsf (ES modules only); the condition builder's pure half is all these helpers use.
jest.mock('../../ui/forms', () => jest.requireActual('../../ui/forms/conditions'));

describe('a new démarche', () => {
  it('gets its id from its title, without accents or small words', () => {
    expect(demarcheIdFrom('Demande de copie d’acte de naissance')).toBe('demande-copie-acte-naissance');
    expect(demarcheIdFrom('  Élection 2026 ! ')).toBe('election-2026');
    expect(demarcheIdFrom('2e permis')).toBe('demarche-2e-permis');
  });

  it('starts from a skeleton the linter accepts, ready to publish', () => {
    const d = skeleton('Demande de copie d’acte de naissance');
    expect(d.id).toBe('demande-copie-acte-naissance');
    expect(d.title).toBe('Demande de copie d’acte de naissance');
    expect(lint(d)).toEqual([]);
  });
});

describe('from a lint problem to what it is about', () => {
  const d = minimalDemarche();

  it('selects a transition from a pointer inside it, or at it', () => {
    expect(targetOf(d, '/workflow/states/depose/on/accepter/guard/params')).toEqual({
      tab: 'parcours', selection: { kind: 'transition', ref: { source: 'depose', kind: 'event', key: 'accepter', index: 0 } },
    });
    expect(targetOf(d, '/workflow/states/attente_pieces/after/P15D')).toEqual({
      tab: 'parcours', selection: { kind: 'transition', ref: { source: 'attente_pieces', kind: 'after', key: 'P15D', index: 0 } },
    });
  });

  it('selects a state from its meta, and nothing for the workflow itself', () => {
    expect(targetOf(d, '/workflow/states/accepte/meta/label')).toEqual({ tab: 'parcours', selection: { kind: 'state', path: 'accepte' } });
    expect(targetOf(d, '/workflow/initial')).toEqual({ tab: 'parcours', selection: null });
  });

  it('selects a nested state, and an alternative of a list of transitions by its index', () => {
    const nested = structuredClone(d) as unknown as { workflow: { states: Record<string, Record<string, unknown>> } };
    nested.workflow.states.depose.on = { accepter: [{ target: 'accepte', guard: { type: 'condition', params: true } }, { target: 'refuse' }] };
    nested.workflow.states.attente_pieces = { ...nested.workflow.states.attente_pieces, initial: 'relance', states: { relance: { meta: { label: 'Relance' } } } };
    const n = nested as unknown as Demarche;
    expect(targetOf(n, '/workflow/states/depose/on/accepter/1/target').selection).toEqual({ kind: 'transition', ref: { source: 'depose', kind: 'event', key: 'accepter', index: 1 } });
    expect(targetOf(n, '/workflow/states/attente_pieces/states/relance/meta')).toEqual({ tab: 'parcours', selection: { kind: 'state', path: 'attente_pieces.relance' } });
  });

  it('selects a field from its schema, its uiSchema, its page slot or its required entry', () => {
    expect(targetOf(d, '/form/schema/properties/copies/maximum')).toEqual({ tab: 'formulaire', selection: { kind: 'field', key: 'copies' } });
    expect(targetOf(d, '/form/schema/required/1')).toEqual({ tab: 'formulaire', selection: { kind: 'field', key: 'type_acte' } });
    const { definition } = addField(skeleton('Test'), 'demande', { type: 'oui_non', title: 'Urgent', required: false });
    expect(targetOf(definition, '/form/pages/0/fields/1')).toEqual({ tab: 'formulaire', selection: { kind: 'field', key: 'urgent' } });
    expect(targetOf(definition, '/form/pages/0/title')).toEqual({ tab: 'formulaire', selection: { kind: 'page', id: 'demande' } });
  });

  it('selects a pièce, the transition sending an event, and opens the right tab for the rest', () => {
    expect(targetOf(d, '/pieces/piece_identite/label')).toEqual({ tab: 'formulaire', selection: { kind: 'piece', id: 'piece_identite' } });
    expect(targetOf(d, '/events/refuser/payload')).toEqual({ tab: 'parcours', selection: { kind: 'transition', ref: { source: 'depose', kind: 'event', key: 'refuser', index: 0 } } });
    expect(targetOf(d, '/scenarios/0/steps/1')).toEqual({ tab: 'essayer', selection: null });
    expect(targetOf(d, '/title')).toEqual({ tab: 'formulaire', selection: null });
    expect(targetOf({ ...d, workflow: 'cassé' } as unknown as Demarche, '/workflow/states/x').tab).toBe('parcours');
  });
});

describe('the condition that shows a field', () => {
  const withQuestions = () => {
    let d = skeleton('Test');
    d = addField(d, 'demande', { type: 'oui_non', title: 'Urgent', required: false }).definition;
    d = addField(d, 'demande', { type: 'choix', title: 'Type d’acte', required: true, options: [{ value: 'naissance', label: 'Naissance' }, { value: 'mariage', label: 'Mariage' }] }).definition;
    return d;
  };

  it('offers only the other top-level choices and yes/no questions', () => {
    const d = withQuestions();
    expect(showWhenFields(d, 'urgent').map((f) => f.path)).toEqual(['data.typeActe']);
    expect(showWhenFields(d, 'objet').map((f) => f.path)).toEqual(['data.urgent', 'data.typeActe']);
  });

  it('goes to JSON Logic and back for a choice and a yes/no', () => {
    const fields = showWhenFields(withQuestions(), 'objet');
    for (const showWhen of [{ field: 'typeActe', equals: 'mariage' }, { field: 'urgent', equals: true }, { field: 'urgent', equals: false }]) {
      expect(logicToShowWhen(showWhenToLogic(showWhen, fields), fields)).toEqual({ showWhen });
    }
    expect(showWhenToLogic(undefined, fields)).toBeUndefined();
    expect(logicToShowWhen(undefined, fields)).toEqual({});
  });

  it('refuses what the form cannot hold, saying why', () => {
    const fields = showWhenFields(withQuestions(), 'objet');
    const both = { and: [{ '==': [{ var: 'data.typeActe' }, 'mariage'] }, { '==': [{ var: 'data.urgent' }, true] }] };
    expect(logicToShowWhen(both, fields).problem).toMatch(/une seule condition/);
    expect(logicToShowWhen({ '!=': [{ var: 'data.typeActe' }, 'mariage'] }, fields).problem).toMatch(/une seule condition/);
  });
});

describe('pièces justificatives', () => {
  it('adds one from its label with the usual formats, changes and removes it, and the linter agrees', () => {
    const added = addPiece(skeleton('Test'), 'Pièce d’identité');
    expect(added.id).toBe('piece_d_identite');
    expect(added.definition.pieces?.piece_d_identite).toMatchObject({ label: 'Pièce d’identité', required: true, accept: ['application/pdf', 'image/jpeg', 'image/png'] });
    expect(addPiece(added.definition, 'Pièce d’identité').id).toBe('piece_d_identite_2');
    const changed = updatePiece(added.definition, 'piece_d_identite', { label: 'Pièce d’identité', description: '', required: { '==': [{ var: 'data.objet' }, 'x'] }, accept: ['application/pdf'], maxSize: 1000, multiple: true });
    expect(changed.pieces?.piece_d_identite).toEqual({ label: 'Pièce d’identité', required: { '==': [{ var: 'data.objet' }, 'x'] }, accept: ['application/pdf'], maxSize: 1000, multiple: true });
    expect(lint(changed).filter((p) => p.severity === 'error')).toEqual([]);
    expect(() => updatePiece(changed, 'piece_d_identite', { label: ' ' })).toThrow('besoin d’un nom');
    expect(removePiece(changed, 'piece_d_identite').pieces).toBeUndefined();
  });
});

describe('definition files', () => {
  it('exports indented JSON named after the démarche, and reads it back', () => {
    const d = minimalDemarche();
    expect(definitionFileName(d)).toBe('copie-acte.json');
    expect(parseDefinitionFile(definitionJson(d))).toEqual(d);
  });

  it('refuses, in French, what is not a definition', () => {
    expect(() => parseDefinitionFile('{ pas du json')).toThrow('pas du JSON valide');
    expect(() => parseDefinitionFile('[1]')).toThrow('un objet JSON');
    expect(() => parseDefinitionFile('{"id": "Avec Majuscules"}')).toThrow('identifiant');
  });
});
