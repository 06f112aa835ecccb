import { DEMARCHES } from '../../definitions';
import {
  DesignError, addTransition, changeTransitionEvent, dropUnusedEvent, ensureEvent, payloadFields, resetLayout, placeState, setEvent, setPayloadFields,
} from '../../designer';
import { lint, validateData, type Demarche } from '../../engine';
import { minimalDemarche } from '../fixtures/minimal';

const errors = (d: Demarche) => lint(d).filter((p) => p.severity === 'error');

describe('event edits of the workflow editor', () => {
  it('declares the event of a transition drawn between two states, so the result lints clean', () => {
    const { definition } = addTransition(minimalDemarche(), 'attente_pieces', { kind: 'event', key: 'classer' }, 'refuse');
    expect(errors(definition).map((p) => p.rule)).toContain('undeclared-event');
    const declared = ensureEvent(definition, 'classer');
    expect(declared.events.classer).toEqual({ label: 'Classer', roles: ['agent'], payload: { type: 'object', additionalProperties: false, properties: {} } });
    expect(errors(declared)).toEqual([]);
    // Already declared, or reserved to the engine: left alone.
    expect(ensureEvent(declared, 'classer')).toBe(declared);
    expect(ensureEvent(declared, 'pieces.deposees')).toBe(declared);
  });

  it('changes the label, roles and confirmation of an event, and drops an emptied confirmation', () => {
    let d = setEvent(minimalDemarche(), 'refuser', { label: 'Refuser la demande', roles: ['agent', 'usager'], confirm: 'Refuser ?' });
    expect(d.events.refuser).toMatchObject({ label: 'Refuser la demande', roles: ['agent', 'usager'], confirm: 'Refuser ?' });
    d = setEvent(d, 'refuser', { confirm: '' });
    expect(d.events.refuser).not.toHaveProperty('confirm');
    expect(() => setEvent(d, 'Refus définitif', {})).toThrow(DesignError);
  });

  it('renames the event of the only transition using it: declaration and scenario steps follow', () => {
    let d = minimalDemarche();
    d = { ...d, scenarios: [{ id: 's', title: 'S', start: { at: '2026-03-02T09:00:00Z', data: {} }, steps: [{ event: 'refuser', role: 'agent', payload: { motif: 'Incomplet' } }] }] };
    const ref = { source: 'depose', kind: 'event' as const, key: 'refuser', index: 0 };
    const renamed = changeTransitionEvent(d, ref, 'rejeter');
    expect(renamed.ref).toEqual({ ...ref, key: 'rejeter' });
    expect(renamed.definition.events).not.toHaveProperty('refuser');
    expect(renamed.definition.events.rejeter).toEqual(d.events.refuser);
    expect(renamed.definition.workflow.states.depose.on).toHaveProperty('rejeter');
    expect(renamed.definition.scenarios![0].steps[0].event).toBe('rejeter');
    expect(errors(renamed.definition)).toEqual([]);
  });

  it('keeps the old declaration when another transition still sends the old event', () => {
    const garde = DEMARCHES['garde-alternee'];
    // confirmer_garde is sent from two states: moving one of them copies the declaration.
    const ref = { source: 'instruction.accord_autre_parent.decision_expert', kind: 'event' as const, key: 'confirmer_garde', index: 0 };
    const { definition } = changeTransitionEvent(garde, ref, 'confirmer_apres_delai');
    expect(definition.events.confirmer_garde).toEqual(garde.events.confirmer_garde);
    expect(definition.events.confirmer_apres_delai).toEqual(garde.events.confirmer_garde);
    expect(errors(definition)).toEqual([]);
  });

  it('drops the declaration of an event no transition uses any more, and only then', () => {
    const d = minimalDemarche();
    expect(dropUnusedEvent(d, 'refuser')).toBe(d);
    const without = { ...d, workflow: { ...d.workflow, states: { ...d.workflow.states, depose: { ...d.workflow.states.depose, on: { accepter: d.workflow.states.depose.on!.accepter } } } } };
    expect(dropUnusedEvent(without, 'refuser').events).not.toHaveProperty('refuser');
  });
});

describe('payload fields', () => {
  it('reads the fields of a payload with their type, label and whether they are required', () => {
    const garde = DEMARCHES['garde-alternee'];
    expect(payloadFields(garde.events.statuer_sans_reponse).map(({ name, label, type, required }) => ({ name, label, type, required }))).toEqual([
      { name: 'decision', label: 'Décision', type: 'choice', required: true },
      { name: 'motif', label: 'Justification de la décision', type: 'textarea', required: true },
    ]);
    expect(payloadFields(garde.events.confirmer_garde).map((f) => f.type)).toEqual(['textarea', 'date']);
    expect(payloadFields(garde.events.demander_pieces)[0].type).toBe('other');
  });

  it('writes a refusal’s motif as a required long text the engine then demands', () => {
    let d = ensureEvent(addTransition(minimalDemarche(), 'attente_pieces', { kind: 'event', key: 'classer' }, 'refuse').definition, 'classer');
    d = setPayloadFields(d, 'classer', [{ name: 'motif', label: 'Motif du classement', type: 'textarea', required: true }]);
    expect(d.events.classer.payload).toEqual({
      type: 'object', additionalProperties: false, required: ['motif'],
      properties: { motif: { type: 'string', maxLength: 2000, title: 'Motif du classement', minLength: 1 } },
    });
    expect(d.events.classer.uiSchema).toEqual({ motif: { 'ui:widget': 'textarea' } });
    expect(validateData(d.events.classer.payload, {}).length).toBe(1);
    expect(validateData(d.events.classer.payload, { motif: '' })).not.toEqual([]);
    expect(validateData(d.events.classer.payload, { motif: 'Dossier incomplet' })).toEqual([]);
    expect(errors(d)).toEqual([]);
  });

  it('keeps what a field had (lengths, description) when only its label or order changes, and writes choices as oneOf', () => {
    const garde = DEMARCHES['garde-alternee'];
    const fields = payloadFields(garde.events.statuer_sans_reponse);
    const next = setPayloadFields(garde, 'statuer_sans_reponse', [{ ...fields[1], label: 'Justification' }, { ...fields[0], options: [{ value: 'valider', title: 'Valider' }, { value: 'reserver', title: 'Réserver' }] }]);
    const payload = next.events.statuer_sans_reponse.payload as unknown as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(Object.keys(payload.properties)).toEqual(['motif', 'decision']);
    expect(payload.properties.motif).toMatchObject({ title: 'Justification', minLength: 10, maxLength: 2000 });
    expect(payload.properties.decision.oneOf).toEqual([{ const: 'valider', title: 'Valider' }, { const: 'reserver', title: 'Réserver' }]);
    expect(errors(next)).toEqual([]);
  });

  it('refuses a field name with spaces, two fields with one name, and a choice without options', () => {
    const d = minimalDemarche();
    expect(() => setPayloadFields(d, 'refuser', [{ name: 'mon motif', label: 'Motif', type: 'text', required: true }])).toThrow('nom de champ valide');
    expect(() => setPayloadFields(d, 'refuser', [{ name: 'motif', label: 'A', type: 'text', required: true }, { name: 'motif', label: 'B', type: 'text', required: false }])).toThrow('Deux champs');
    expect(() => setPayloadFields(d, 'refuser', [{ name: 'suite', label: 'Suite', type: 'choice', required: true, options: [] }])).toThrow('au moins une option');
  });
});

describe('positions', () => {
  it('forgets the dragged positions so that the automatic layout places everything again', () => {
    const placed = placeState(minimalDemarche(), 'depose', { x: 12.4, y: 30 });
    expect(placed.layout).toEqual({ depose: { x: 12, y: 30 } });
    expect(resetLayout(placed)).not.toHaveProperty('layout');
  });
});
