import { lint, lintRouting, isSound, type Demarche, type Problem } from '../../engine';
import { minimalDemarche } from '../fixtures/minimal';

/** A copy of the minimal démarche with one thing broken. */
function broken(change: (d: Demarche & Record<string, unknown>) => void): Demarche {
  const d = minimalDemarche() as Demarche & Record<string, unknown>;
  change(d);
  return d;
}

// The workflow's states, typed loosely so a test can break them.
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const states = (d: Demarche): Loose => d.workflow.states as Loose;

function errors(problems: Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** The one error the change caused, with its rule, pointer and a French message. */
function onlyError(d: Demarche): Problem {
  const found = errors(lint(d));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('lint', () => {
  it('finds nothing wrong with a sound definition', () => {
    expect(lint(minimalDemarche())).toEqual([]);
  });

  describe('structure', () => {
    it('reports a missing required property with its pointer', () => {
      const p = errors(lint(broken((d) => { delete (d as Partial<Demarche>).retention; })));
      expect(p).toEqual([expect.objectContaining({ rule: 'structure', pointer: '/retention', message: '« retention » est obligatoire ici.' })]);
    });

    it('reports a property the format does not have', () => {
      const p = errors(lint(broken((d) => { d.titre = 'x'; })));
      expect(p).toEqual([expect.objectContaining({ pointer: '/titre', message: expect.stringContaining('n’est pas une propriété prévue ici') })]);
    });

    it('refuses identifiers with accents or capitals', () => {
      const p = errors(lint(broken((d) => { states(d)['Dépôt'] = states(d).depose; })));
      expect(p.map((x) => x.pointer)).toContain('/workflow/states/Dépôt');
      expect(p.find((x) => x.pointer === '/workflow/states/Dépôt')!.message).toMatch(/identifiant valide/);
    });

    it('refuses a role named « systeme », which is reserved', () => {
      const p = errors(lint(broken((d) => { d.roles.systeme = { label: 'Système' }; })));
      expect(p.map((x) => x.pointer)).toEqual(['/roles/systeme']);
    });
  });

  describe('duplicate ids', () => {
    it('finds keys that JSON parsing would silently merge', () => {
      const source = JSON.stringify(minimalDemarche(), null, 2).replace('"accepte": {', '"refuse": { "type": "final", "meta": { "label": "x" } },\n"accepte": {');
      const p = lint(JSON.parse(source), { source });
      expect(p).toContainEqual(expect.objectContaining({ rule: 'duplicate', pointer: '/workflow/states/refuse', message: expect.stringContaining('apparaît deux fois') }));
    });

    it('finds two states with the same #id', () => {
      const p = errors(lint(broken((d) => { states(d).accepte.id = 'fin'; states(d).refuse.id = 'fin'; })));
      expect(p).toEqual([expect.objectContaining({ rule: 'duplicate', pointer: '/workflow/states/refuse/id' })]);
    });

    it('finds a field placed on two pages', () => {
      const p = onlyError(broken((d) => {
        d.form.pages = [{ id: 'a', title: 'A', fields: ['nom', 'type_acte'] }, { id: 'b', title: 'B', fields: ['nom', 'copies', 'dateNaissance'] }];
      }));
      expect(p).toMatchObject({ rule: 'duplicate', pointer: '/form/pages/1/fields/0' });
    });
  });

  describe('workflow', () => {
    it('reports an unknown transition target and lists the possible ones', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.target = 'accepté'; }));
      expect(p).toMatchObject({ rule: 'unknown-target', pointer: '/workflow/states/depose/on/accepter/target' });
      expect(p.message).toContain('« accepte »');
    });

    it('explains that a target written from the root needs a dot', () => {
      const p = errors(lint(broken((d) => { d.workflow.on = { annuler: 'refuse' }; d.events.annuler = { label: 'Annuler', roles: ['usager'], payload: { type: 'object' } }; })));
      expect(p).toEqual([expect.objectContaining({ rule: 'unknown-target', pointer: '/workflow/on/annuler', message: expect.stringContaining('« .refuse »') })]);
    });

    it('reports an unknown initial state', () => {
      expect(onlyError(broken((d) => { d.workflow.initial = 'brouillon'; }))).toMatchObject({ rule: 'unknown-target', pointer: '/workflow/initial' });
    });

    it('reports a state that nothing leads to', () => {
      const p = onlyError(broken((d) => { states(d).oublie = { type: 'final', meta: { label: 'Oublié', outcome: 'sans_suite' } }; }));
      expect(p).toMatchObject({ rule: 'unreachable', pointer: '/workflow/states/oublie' });
    });

    it('reports a state from which the dossier can never be closed', () => {
      const p = errors(lint(broken((d) => {
        states(d).depose.on.archiver = 'boucle';
        states(d).boucle = { meta: { label: 'Boucle' }, on: { accepter: 'boucle' } };
        d.events.archiver = { label: 'Archiver', roles: ['agent'], payload: { type: 'object' } };
      })));
      expect(p).toEqual([expect.objectContaining({ rule: 'no-final', pointer: '/workflow/states/boucle', message: expect.stringContaining('aucun état final') })]);
    });

    it('reports a final state of a nested state whose parent does nothing when done', () => {
      const p = errors(lint(broken((d) => {
        states(d).depose.on.examiner = 'examen';
        states(d).examen = { meta: { label: 'Examen' }, initial: 'lecture', states: { lecture: { meta: { label: 'Lecture' }, on: { accepter: 'fini' } }, fini: { type: 'final', meta: { label: 'Fini' } } } };
        d.events.examiner = { label: 'Examiner', roles: ['agent'], payload: { type: 'object' } };
      })));
      expect(p.map((x) => [x.rule, x.pointer])).toEqual([
        ['no-final', '/workflow/states/examen/states/fini'],
        ['no-final', '/workflow/states/examen/states/lecture'],
      ]);
      expect(p[0].message).toContain('ajoutez « onDone » à « examen »');
    });

    it('reports a state that no role and no timer can leave', () => {
      const p = errors(lint(broken((d) => {
        d.events.accepter.roles = ['elu'];
        d.roles.elu = { label: 'Élu' };
        states(d).depose.on = { attendre: 'attente' };
        d.events.attendre = { label: 'Attendre', roles: ['agent'], payload: { type: 'object' } };
        states(d).attente = { meta: { label: 'Attente' }, on: { 'delai.inconnu.echu': 'accepte' } };
      })));
      expect(p).toContainEqual(expect.objectContaining({ rule: 'stuck', pointer: '/workflow/states/attente', message: expect.stringContaining('Aucun rôle ni minuteur') }));
      expect(p).toContainEqual(expect.objectContaining({ rule: 'unknown-reference', message: expect.stringContaining('« inconnu »') }));
    });

    it('requires a compound state to say where it starts', () => {
      const p = errors(lint(broken((d) => {
        states(d).depose.on.examiner = 'examen';
        states(d).examen = { meta: { label: 'Examen' }, states: { lecture: { meta: { label: 'L' }, on: { accepter: '#fin' } } } };
        states(d).accepte.id = 'fin';
        d.events.examiner = { label: 'Examiner', roles: ['agent'], payload: { type: 'object' } };
      })));
      expect(p[0]).toMatchObject({ rule: 'structure', pointer: '/workflow/states/examen', message: expect.stringContaining('ajoutez « initial »') });
    });

    it('refuses transitions out of a final state', () => {
      const p = onlyError(broken((d) => { states(d).accepte.on = { refuser: 'refuse' }; }));
      expect(p).toMatchObject({ rule: 'structure', pointer: '/workflow/states/accepte/on/refuser' });
    });
  });

  describe('events', () => {
    it('reports an event used by the workflow but not declared', () => {
      const p = errors(lint(broken((d) => { delete (d.events as Record<string, unknown>).accepter; })));
      expect(p).toContainEqual(expect.objectContaining({ rule: 'undeclared-event', pointer: '/workflow/states/depose/on/accepter', message: expect.stringContaining('déclarez qui peut l’envoyer') }));
    });

    it('reports an event declared without any role', () => {
      const p = errors(lint(broken((d) => { d.events.accepter.roles = [] as unknown as typeof d.events.accepter.roles; })));
      expect(p).toEqual([expect.objectContaining({ rule: 'structure', pointer: '/events/accepter/roles' })]);
    });

    it('reports an event declared without a payload schema', () => {
      const p = errors(lint(broken((d) => { delete (d.events.accepter as Partial<typeof d.events.accepter>).payload; })));
      expect(p).toEqual([expect.objectContaining({ pointer: '/events/accepter/payload', message: '« payload » est obligatoire ici.' })]);
    });

    it('checks that a party role names the e-mail field of the form', () => {
      expect(errors(lint(broken((d) => { d.roles.tiers = { label: 'Tiers', party: 'data.nom' }; })))).toEqual([]);
      expect(onlyError(broken((d) => { d.roles.tiers = { label: 'Tiers', party: 'data.courriel' }; }))).toMatchObject({ rule: 'unknown-field', pointer: '/roles/tiers/party' });
      expect(onlyError(broken((d) => { d.roles.tiers = { label: 'Tiers', party: 'data.copies' }; }))).toMatchObject({ rule: 'wrong-type', pointer: '/roles/tiers/party' });
    });

    it('reports a role that is not declared', () => {
      const p = onlyError(broken((d) => { d.events.accepter.roles = ['directeur']; }));
      expect(p).toMatchObject({ rule: 'unknown-reference', pointer: '/events/accepter/roles/0' });
    });

    it('warns about a declared event that no transition uses', () => {
      const p = lint(broken((d) => { d.events.oublie = { label: 'Oublié', roles: ['agent'], payload: { type: 'object' } }; }));
      expect(p).toEqual([expect.objectContaining({ severity: 'warning', rule: 'unused-event', pointer: '/events/oublie' })]);
      expect(isSound(p)).toBe(true);
    });
  });

  describe('conditions and actions', () => {
    it('reports a guard that reads a field the form does not have', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard.params = { '<=': [{ var: 'data.exemplaires' }, 5] }; }));
      expect(p).toMatchObject({ rule: 'unknown-field', pointer: '/workflow/states/depose/on/accepter/guard/params/<=/0/var' });
      expect(p.message).toContain('« copies »');
    });

    it('reports a guard that compares a field of the wrong type', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard.params = { '<=': [{ var: 'data.nom' }, 5] }; }));
      expect(p).toMatchObject({ rule: 'wrong-type', pointer: '/workflow/states/depose/on/accepter/guard/params/<=/0' });
    });

    it('reports a value that a field with a list of choices can never take', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard.params = { '==': [{ var: 'data.type_acte' }, 'divorce'] }; }));
      expect(p).toMatchObject({ rule: 'wrong-type', pointer: '/workflow/states/depose/on/accepter/guard/params/==/1' });
      expect(p.message).toContain('« naissance »');
    });

    it('reports an age computed on a field that is not a date', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard.params = { '>=': [{ age_years: [{ var: 'data.copies' }, { var: 'now' }] }, 18] }; }));
      expect(p).toMatchObject({ rule: 'wrong-type', message: expect.stringContaining('une date') });
    });

    it('reports an action reading an event payload field that no schema declares', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.refuser.actions[0].params.value = { var: 'event.payload.raison' }; }));
      expect(p).toMatchObject({ rule: 'unknown-field', pointer: '/workflow/states/depose/on/refuser/actions/0/params/value/var' });
      expect(p.message).toContain('« motif »');
    });

    it('reports an entry action reading an event payload', () => {
      const p = onlyError(broken((d) => { states(d).depose.entry = [{ type: 'set', params: { name: 'x', value: { var: 'event.payload.motif' } } }]; }));
      expect(p.message).toContain('lisez ces données dans une action de la transition');
    });

    it('reports a read of an instruction value that nothing records', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard.params = { '!': { var: 'dossier.instruction.avis' } }; }));
      expect(p).toMatchObject({ rule: 'unknown-field', message: expect.stringContaining('Aucune action « set » n’enregistre « avis »') });
    });

    it('reports an unknown JSON Logic operation', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard.params = { plusGrandQue: [1, 2] }; }));
      expect(p).toMatchObject({ rule: 'unknown-operation', pointer: '/workflow/states/depose/on/accepter/guard/params/plusGrandQue' });
    });

    it('reports an unknown guard type', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.accepter.guard = { type: 'estComplet' }; }));
      expect(p).toMatchObject({ rule: 'unknown-guard', pointer: '/workflow/states/depose/on/accepter/guard/type', message: expect.stringContaining('« condition »') });
    });

    it('reports an unknown action type', () => {
      const p = onlyError(broken((d) => { states(d).depose.on.refuser.actions.push({ type: 'envoyerMail' }); }));
      expect(p).toMatchObject({ rule: 'unknown-action', pointer: '/workflow/states/depose/on/refuser/actions/2/type' });
    });

    it('reports action params that do not fit the catalogue', () => {
      const p = errors(lint(broken((d) => { states(d).depose.on.refuser.actions[1].params = { modele: 'refus' }; })));
      expect(p.map((x) => x.message)).toEqual([
        'Paramètres de « letter » invalides : il manque « template ».',
        'Paramètres de « letter » invalides : « modele » n’est pas un paramètre de « letter ».',
      ]);
    });

    it('reports a letter whose template does not exist or is not a letter', () => {
      expect(onlyError(broken((d) => { states(d).depose.on.refuser.actions[1].params.template = 'rejet'; }))).toMatchObject({ rule: 'unknown-reference', pointer: '/workflow/states/depose/on/refuser/actions/1/params/template' });
      expect(onlyError(broken((d) => { states(d).depose.on.refuser.actions[1].params.template = 'relance'; })).message).toContain('type « letter »');
    });

    it('reports a délai that is not declared', () => {
      const p = onlyError(broken((d) => { d.workflow.entry = [{ type: 'startDeadline', params: { deadline: 'silence' } }]; }));
      expect(p).toMatchObject({ rule: 'unknown-reference', pointer: '/workflow/entry/0/params/deadline' });
    });

    it('reports a pièce condition that reads an unknown field', () => {
      const p = onlyError(broken((d) => { d.pieces!.piece_identite.required = { '==': [{ var: 'data.majeur' }, true] }; }));
      expect(p).toMatchObject({ rule: 'unknown-field', pointer: '/pieces/piece_identite/required/==/0/var' });
    });

    it('reports a template that reads an unknown field', () => {
      const p = onlyError(broken((d) => { d.templates!.refus.body = 'Bonjour {{data.prenom}}'; }));
      expect(p).toMatchObject({ rule: 'unknown-field', pointer: '/templates/refus/body', message: expect.stringContaining('{{data.prenom}}') });
    });

    it('follows conditional fields of the form', () => {
      const d = broken((x) => {
        x.form.schema.if = { properties: { type_acte: { const: 'mariage' } } };
        x.form.schema.then = { properties: { dateMariage: { type: 'string', format: 'date' } } };
        states(x).depose.on.accepter.guard.params = { '!!': { var: 'data.dateMariage' } };
      });
      expect(errors(lint(d))).toEqual([]);
    });
  });

  describe('durations', () => {
    it('reports an after key that is neither a duration nor a declared delay', () => {
      const p = onlyError(broken((d) => { states(d).attente_pieces.after = { quinzaine: states(d).attente_pieces.after.P15D }; }));
      expect(p).toMatchObject({ rule: 'invalid-duration', pointer: '/workflow/states/attente_pieces/after/quinzaine', message: expect.stringContaining('déclarez « quinzaine » dans « delays »') });
    });

    it('accepts an after key that names a declared business-day delay', () => {
      const d = broken((x) => {
        x.delays = { relance: { duration: 'P10D', calendar: 'ouvres' } };
        states(x).attente_pieces.after = { relance: states(x).attente_pieces.after.P15D };
      });
      expect(errors(lint(d))).toEqual([]);
    });

    it('refuses months counted in business days', () => {
      const p = onlyError(broken((d) => { d.deadlines!.reponse.calendar = 'ouvres'; }));
      expect(p).toMatchObject({ rule: 'invalid-duration', pointer: '/deadlines/reponse/duration' });
    });

    it('reports a malformed ISO 8601 duration', () => {
      const p = onlyError(broken((d) => { d.retention.duration = 'P1A'; }));
      expect(p).toMatchObject({ rule: 'invalid-duration', pointer: '/retention/duration', message: expect.stringContaining('P15D') });
    });
  });

  describe('form', () => {
    it('reports a form schema that is not a valid JSON Schema', () => {
      const p = onlyError(broken((d) => { (d.form.schema.properties as Loose).nom.minLength = -1; }));
      expect(p).toMatchObject({ rule: 'form', pointer: '/form/schema/properties/nom/minLength' });
    });

    it('reports a page that lists a field the form does not have', () => {
      const p = errors(lint(broken((d) => { d.form.pages = [{ id: 'a', title: 'A', fields: ['nom', 'type_acte', 'copies', 'dateNaissance', 'adresse'] }]; })));
      expect(p).toEqual([expect.objectContaining({ rule: 'unknown-field', pointer: '/form/pages/0/fields/4' })]);
    });

    it('reports a field that no page shows', () => {
      const p = errors(lint(broken((d) => { d.form.pages = [{ id: 'a', title: 'A', fields: ['nom', 'type_acte'] }]; })));
      expect(p.map((x) => x.message)).toEqual([expect.stringContaining('« copies »'), expect.stringContaining('« dateNaissance »')]);
    });
  });
});

describe('lintRouting', () => {
  const table = () => ({
    demarche: 'copie-acte',
    rules: [{ id: 'mariages', label: 'Mariages', when: { '==': [{ var: 'data.type_acte' }, 'mariage'] }, then: { service: 'etat-civil', queue: 'mariages', priority: 'normale' } }],
    default: { service: 'etat-civil', queue: 'instruction', priority: 'normale' },
  });

  it('accepts a sound table', () => {
    expect(lintRouting(table(), minimalDemarche())).toEqual([]);
  });

  it('reports a table without a default rule', () => {
    const t: Partial<ReturnType<typeof table>> = table();
    delete t.default;
    expect(lintRouting(t, minimalDemarche())).toEqual([expect.objectContaining({ rule: 'routing', pointer: '/default', message: expect.stringContaining('règle par défaut') })]);
  });

  it('reports a condition on a field the form does not have', () => {
    const t = table();
    t.rules[0].when = { '==': [{ var: 'data.quartier' }, 'nord'] };
    expect(lintRouting(t, minimalDemarche())).toEqual([expect.objectContaining({ rule: 'unknown-field', pointer: '/rules/0/when/==/0/var' })]);
  });

  it('reports a condition reading an event, which routing never has', () => {
    const t = table();
    t.rules[0].when = { '==': [{ var: 'event.payload.x' }, 'oui'] };
    expect(lintRouting(t, minimalDemarche())[0].message).toContain('le routage s’applique au dossier');
  });

  it('reports two rules with the same id', () => {
    const t = table();
    t.rules.push({ ...t.rules[0] });
    expect(lintRouting(t, minimalDemarche())).toEqual([expect.objectContaining({ rule: 'duplicate', pointer: '/rules/1/id' })]);
  });
});
