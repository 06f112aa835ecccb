import { DEMARCHES, ROUTING } from '../../definitions';
import { holds, lintRouting, type RoutingTable } from '../../engine';
// The pure functions of the condition builder, file by file: ui/forms' index also brings rjsf, whose
// ES-module-only dependencies jest's CommonJS runtime cannot load.
// eslint-disable-next-line no-restricted-imports
import { describeCondition, describeLogic } from '../../ui/forms/conditions/describe';
// eslint-disable-next-line no-restricted-imports
import { fieldsOf, type ConditionField } from '../../ui/forms/conditions/fields';
// eslint-disable-next-line no-restricted-imports
import { fromJsonLogic, toJsonLogic } from '../../ui/forms/conditions/jsonLogic';
// eslint-disable-next-line no-restricted-imports
import { conditionProblems, operatorsFor, type Condition, type ConditionItem, type ConditionRule } from '../../ui/forms/conditions/model';

const passeport = DEMARCHES['passeport-urgence'];
const attestation = DEMARCHES['attestation-accueil'];
const garde = DEMARCHES['garde-alternee'];
const recensement = DEMARCHES['recensement-citoyen'];

const passeportFields = fieldsOf(passeport.form.schema);
const field = (fields: ConditionField[], path: string) => {
  const found = fields.find((f) => f.path === path);
  if (!found) throw new Error(`pas de champ ${path}`);
  return found;
};
const rule = (path: string, op: ConditionRule['op'], value?: unknown): ConditionRule => (value === undefined ? { type: 'rule', field: path, op } : { type: 'rule', field: path, op, value });
const when = (...items: ConditionItem[]): Condition => ({ type: 'when', join: 'and', items });

/** The routing table of a démarche with one rule on this condition, as the API would lint it. */
function lintCondition(demarche: string, condition: unknown) {
  const table: RoutingTable = {
    demarche,
    rules: [{ id: 'essai', label: 'Essai', when: condition as RoutingTable['rules'][number]['when'], then: { service: 'titres', queue: 'instruction', priority: 'normale' } }],
    default: { service: 'titres', queue: 'instruction', priority: 'normale' },
  };
  return lintRouting(table, DEMARCHES[demarche]).filter((p) => p.severity === 'error');
}

describe('fieldsOf', () => {
  it('flattens nested objects into leaf fields named by their sections, with data paths', () => {
    const codePostal = field(passeportFields, 'data.adresse.codePostal');
    expect(codePostal).toMatchObject({ label: 'Adresse du domicile › Code postal', title: 'Code postal', section: 'Adresse du domicile', kind: 'text' });
    const hebergeant = field(fieldsOf(attestation.form.schema), 'data.hebergeant.adresse.codePostal');
    expect(hebergeant.label).toBe('L’hébergeant › Adresse du logement où le visiteur sera accueilli › Code postal');
    expect(hebergeant.section).toBe('L’hébergeant');
  });

  it('gives each field its kind: text, number (integer or not), date, boolean, choice with titles, multiple choice', () => {
    expect(field(passeportFields, 'data.numeroPreDemande').kind).toBe('text');
    expect(field(passeportFields, 'data.voyage.dateDepart').kind).toBe('date');
    expect(field(passeportFields, 'data.mineur').kind).toBe('boolean');
    expect(field(passeportFields, 'data.urgence.motif')).toMatchObject({
      kind: 'choice',
      options: expect.arrayContaining([{ value: 'medicale', title: 'Raison médicale' }]),
    });
    const attestationFields = fieldsOf(attestation.form.schema);
    expect(field(attestationFields, 'data.logement.surface')).toMatchObject({ kind: 'number' });
    expect(field(attestationFields, 'data.logement.surface').integer).toBeUndefined();
    expect(field(attestationFields, 'data.logement.nombrePieces')).toMatchObject({ kind: 'number', integer: true });
    expect(field(fieldsOf(garde.form.schema), 'data.activites')).toMatchObject({
      kind: 'multiple',
      options: [
        { value: 'restauration_scolaire', title: 'Restauration scolaire' },
        { value: 'periscolaire', title: 'Accueil périscolaire (matin et soir)' },
        { value: 'centre_loisirs', title: 'Centre de loisirs (mercredis et vacances)' },
      ],
    });
  });

  it('marks birth dates (for the age operators) and keeps dates of other kinds without them', () => {
    expect(field(passeportFields, 'data.titulaire.dateNaissance').birthDate).toBe(true);
    expect(field(passeportFields, 'data.voyage.dateDepart').birthDate).toBeUndefined();
    expect(operatorsFor(field(passeportFields, 'data.titulaire.dateNaissance')).map((o) => o.id)).toContain('ageAtLeast');
    expect(operatorsFor(field(passeportFields, 'data.voyage.dateDepart')).map((o) => o.id)).not.toContain('ageAtLeast');
  });

  it('includes the fields of conditional branches (if/then/else), once, and leaves out lists of objects', () => {
    const fields = fieldsOf(recensement.form.schema);
    const paths = fields.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    const conditional = fields.filter((f) => f.conditional);
    expect(conditional.length).toBeGreaterThan(0);
    expect(paths.some((p) => p.startsWith('data.parents'))).toBe(false);
    expect(fieldsOf({
      type: 'object',
      properties: { a: { type: 'boolean', title: 'A' } },
      if: { properties: { a: { const: true } } },
      then: { properties: { b: { type: 'string', title: 'B' } } },
      else: { properties: { c: { $ref: '#/$defs/n' } } },
      $defs: { n: { type: 'integer', title: 'C' } },
    })).toEqual([
      { path: 'data.a', label: 'A', title: 'A', kind: 'boolean' },
      { path: 'data.b', label: 'B', title: 'B', kind: 'text', conditional: true },
      { path: 'data.c', label: 'C', title: 'C', kind: 'number', integer: true, conditional: true },
    ]);
  });

  it('reads another schema of the scope (an event’s payload, for a workflow guard) under its own path and title', () => {
    const payload = { type: 'object', properties: { motif: { type: 'string', title: 'Motif du refus' }, urgent: { type: 'boolean', title: 'Urgent' } } };
    expect(fieldsOf(payload, { path: 'event.payload', title: 'Événement' })).toEqual([
      { path: 'event.payload.motif', label: 'Événement › Motif du refus', title: 'Motif du refus', section: 'Événement', kind: 'text' },
      { path: 'event.payload.urgent', label: 'Événement › Urgent', title: 'Urgent', section: 'Événement', kind: 'boolean' },
    ]);
    const fields = fieldsOf(payload, { path: 'event.payload' });
    expect(toJsonLogic(fromJsonLogic({ '==': [{ var: 'event.payload.urgent' }, true] }, fields), fields)).toEqual({ '==': [{ var: 'event.payload.urgent' }, true] });
    expect(fromJsonLogic({ '==': [{ var: 'event.payload.urgent' }, true] }, fields)).toEqual(when(rule('event.payload.urgent', 'isTrue')));
  });

  it('gives nothing rather than failing on a draft’s incomplete schema', () => {
    expect(fieldsOf(undefined)).toEqual([]);
    expect(fieldsOf({ properties: { x: 3, y: { type: 'object' } } })).toEqual([]);
  });
});

describe('toJsonLogic and fromJsonLogic', () => {
  const samples: [string, Condition, unknown][] = [
    ['toujours', { type: 'always' }, true],
    ['text equal', when(rule('data.adresse.commune', 'eq', 'Lyon')), { '==': [{ var: 'data.adresse.commune' }, 'Lyon'] }],
    ['text different', when(rule('data.adresse.commune', 'neq', 'Lyon')), { '!=': [{ var: 'data.adresse.commune' }, 'Lyon'] }],
    ['text starts with', when(rule('data.adresse.codePostal', 'startsWith', '69')), { '==': [{ substr: [{ var: 'data.adresse.codePostal' }, 0, 2] }, '69'] }],
    ['text contains', when(rule('data.adresse.voie', 'contains', 'Lilas')), { in: ['Lilas', { var: 'data.adresse.voie' }] }],
    ['text in a list', when(rule('data.adresse.codePostal', 'inList', ['69009', '69005'])), { in: [{ var: 'data.adresse.codePostal' }, ['69009', '69005']] }],
    ['date before', when(rule('data.voyage.dateDepart', 'before', '2026-06-01')), { '<': [{ var: 'data.voyage.dateDepart' }, '2026-06-01'] }],
    ['date after', when(rule('data.voyage.dateDepart', 'after', '2026-06-01')), { '>': [{ var: 'data.voyage.dateDepart' }, '2026-06-01'] }],
    ['date within N days', when(rule('data.voyage.dateDepart', 'withinDays', 7)), { '<=': [{ days_until: [{ var: 'data.voyage.dateDepart' }, { var: 'now' }] }, 7] }],
    ['date beyond N days', when(rule('data.voyage.dateDepart', 'beyondDays', 30)), { '>': [{ days_until: [{ var: 'data.voyage.dateDepart' }, { var: 'now' }] }, 30] }],
    ['age at least', when(rule('data.titulaire.dateNaissance', 'ageAtLeast', 18)), { '>=': [{ age_years: [{ var: 'data.titulaire.dateNaissance' }, { var: 'now' }] }, 18] }],
    ['age under', when(rule('data.titulaire.dateNaissance', 'ageUnder', 15)), { '<': [{ age_years: [{ var: 'data.titulaire.dateNaissance' }, { var: 'now' }] }, 15] }],
    ['boolean yes', when(rule('data.mineur', 'isTrue')), { '==': [{ var: 'data.mineur' }, true] }],
    ['boolean no', when(rule('data.mineur', 'isFalse')), { '==': [{ var: 'data.mineur' }, false] }],
    ['choice is', when(rule('data.urgence.motif', 'eq', 'medicale')), { '==': [{ var: 'data.urgence.motif' }, 'medicale'] }],
    ['choice is not', when(rule('data.urgence.motif', 'neq', 'medicale')), { '!=': [{ var: 'data.urgence.motif' }, 'medicale'] }],
    ['choice among', when(rule('data.urgence.motif', 'inList', ['medicale', 'humanitaire'])), { in: [{ var: 'data.urgence.motif' }, ['medicale', 'humanitaire']] }],
    ['filled in', when(rule('data.titulaire.nomUsage', 'set')), { '!': [{ missing: ['data.titulaire.nomUsage'] }] }],
    ['not filled in', when(rule('data.titulaire.nomUsage', 'unset')), { missing: ['data.titulaire.nomUsage'] }],
    ['several joined by and', when(rule('data.mineur', 'isTrue'), rule('data.urgence.motif', 'eq', 'medicale')),
      { and: [{ '==': [{ var: 'data.mineur' }, true] }, { '==': [{ var: 'data.urgence.motif' }, 'medicale'] }] }],
    ['several joined by or, with a group', {
      type: 'when', join: 'or', items: [
        rule('data.mineur', 'isTrue'),
        { type: 'group', join: 'and', items: [rule('data.urgence.motif', 'eq', 'medicale'), rule('data.voyage.dateDepart', 'withinDays', 3)] },
      ],
    }, { or: [
      { '==': [{ var: 'data.mineur' }, true] },
      { and: [{ '==': [{ var: 'data.urgence.motif' }, 'medicale'] }, { '<=': [{ days_until: [{ var: 'data.voyage.dateDepart' }, { var: 'now' }] }, 3] }] },
    ] }],
  ];

  it.each(samples)('writes %s as JSON Logic and reads it back to the same condition', (_name, condition, logic) => {
    expect(toJsonLogic(condition, passeportFields)).toEqual(logic);
    expect(fromJsonLogic(logic, passeportFields)).toEqual(condition);
    expect(toJsonLogic(fromJsonLogic(logic, passeportFields), passeportFields)).toEqual(logic);
  });

  it('checks conditions with the routing linter (which does find errors)', () => {
    expect(lintCondition('passeport-urgence', { '==': [{ var: 'data.inconnu' }, 'x'] })).not.toEqual([]);
  });

  it.each(samples)('writes %s as JSON Logic the routing linter accepts', (_name, condition) => {
    expect(lintCondition('passeport-urgence', toJsonLogic(condition, passeportFields))).toEqual([]);
  });

  it('writes numbers (with « entre ») and multiple choices as the linter accepts them, and reads them back', () => {
    const attestationFields = fieldsOf(attestation.form.schema);
    const numbers: [Condition, unknown][] = [
      [when(rule('data.logement.surface', 'lt', 20)), { '<': [{ var: 'data.logement.surface' }, 20] }],
      [when(rule('data.logement.surface', 'lte', 20)), { '<=': [{ var: 'data.logement.surface' }, 20] }],
      [when(rule('data.logement.surface', 'gt', 20)), { '>': [{ var: 'data.logement.surface' }, 20] }],
      [when(rule('data.logement.surface', 'gte', 20)), { '>=': [{ var: 'data.logement.surface' }, 20] }],
      [when(rule('data.logement.nombrePieces', 'eq', 3)), { '==': [{ var: 'data.logement.nombrePieces' }, 3] }],
      [when(rule('data.logement.nombrePieces', 'neq', 3)), { '!=': [{ var: 'data.logement.nombrePieces' }, 3] }],
      [when(rule('data.logement.surface', 'between', [20, 50.5])), { '<=': [20, { var: 'data.logement.surface' }, 50.5] }],
    ];
    for (const [condition, logic] of numbers) {
      expect(toJsonLogic(condition, attestationFields)).toEqual(logic);
      expect(fromJsonLogic(logic, attestationFields)).toEqual(condition);
      expect(lintCondition('attestation-accueil', logic)).toEqual([]);
    }
    const gardeFields = fieldsOf(garde.form.schema);
    const multiple: [Condition, unknown][] = [
      [when(rule('data.activites', 'includes', 'periscolaire')), { in: ['periscolaire', { var: 'data.activites' }] }],
      [when(rule('data.activites', 'excludes', 'periscolaire')), { '!': [{ in: ['periscolaire', { var: 'data.activites' }] }] }],
      [when(rule('data.activites', 'includesAny', ['periscolaire', 'centre_loisirs'])), { some: [{ var: 'data.activites' }, { in: [{ var: '' }, ['periscolaire', 'centre_loisirs']] }] }],
      [when(rule('data.activites', 'set')), { '!!': [{ var: 'data.activites' }] }],
      [when(rule('data.activites', 'unset')), { '!': [{ var: 'data.activites' }] }],
    ];
    for (const [condition, logic] of multiple) {
      expect(toJsonLogic(condition, gardeFields)).toEqual(logic);
      expect(fromJsonLogic(logic, gardeFields)).toEqual(condition);
      expect(lintCondition('garde-alternee', logic)).toEqual([]);
    }
  });

  it('means what it says when the engine evaluates it', () => {
    const now = '2026-03-02T09:00:00.000Z';
    const data = {
      adresse: { codePostal: '69009', commune: 'Lyon', voie: '12 rue des Lilas' },
      voyage: { dateDepart: '2026-03-06' },
      titulaire: { dateNaissance: '2010-03-03' },
      mineur: true,
      urgence: { motif: 'medicale' },
    };
    const check = (condition: Condition, expected: boolean) => expect(holds(toJsonLogic(condition, passeportFields) as object, { data, now })).toBe(expected);
    check(when(rule('data.adresse.codePostal', 'inList', ['69009', '69005'])), true);
    check(when(rule('data.adresse.codePostal', 'inList', ['69005'])), false);
    check(when(rule('data.adresse.codePostal', 'startsWith', '690')), true);
    check(when(rule('data.adresse.codePostal', 'startsWith', '691')), false);
    check(when(rule('data.adresse.voie', 'contains', 'Lilas')), true);
    check(when(rule('data.voyage.dateDepart', 'withinDays', 4)), true);
    check(when(rule('data.voyage.dateDepart', 'withinDays', 3)), false);
    check(when(rule('data.voyage.dateDepart', 'before', '2026-03-07')), true);
    check(when(rule('data.voyage.dateDepart', 'after', '2026-03-06')), false);
    check(when(rule('data.titulaire.dateNaissance', 'ageUnder', 16)), true); // 16 tomorrow
    check(when(rule('data.titulaire.dateNaissance', 'ageAtLeast', 16)), false);
    check(when(rule('data.titulaire.nomUsage', 'set')), false);
    check(when(rule('data.titulaire.nomUsage', 'unset')), true);
    check(when(rule('data.adresse.commune', 'set')), true);
    check(when(rule('data.mineur', 'isTrue')), true);
    check(when(rule('data.mineur', 'isFalse')), false);
    check({ type: 'when', join: 'or', items: [rule('data.mineur', 'isFalse'), rule('data.urgence.motif', 'inList', ['medicale'])] }, true);
    check({ type: 'when', join: 'and', items: [rule('data.mineur', 'isFalse'), rule('data.urgence.motif', 'inList', ['medicale'])] }, false);
  });

  it('keeps what it cannot show as rules, read-only, and writes it back unchanged', () => {
    for (const [demarche, table] of Object.entries(ROUTING)) {
      const fields = fieldsOf(DEMARCHES[demarche].form.schema);
      for (const r of table.rules) expect(toJsonLogic(fromJsonLogic(r.when, fields), fields)).toEqual(r.when);
    }
    const handWritten = { '===': [{ var: 'dossier.instruction.urgenceValidee' }, true] };
    expect(fromJsonLogic(handWritten, passeportFields)).toEqual({ type: 'when', join: 'and', items: [{ type: 'raw', logic: handWritten }] });
    // A piece among rules stays a piece; the rules around it are still editable.
    const mixed = { and: [{ '==': [{ var: 'data.mineur' }, true] }, handWritten] };
    expect(fromJsonLogic(mixed, passeportFields)).toEqual({ type: 'when', join: 'and', items: [rule('data.mineur', 'isTrue'), { type: 'raw', logic: handWritten }] });
    // Shapes it would write differently are kept whole.
    for (const other of [false, { and: [{ '==': [{ var: 'data.mineur' }, true] }] }, { '==': [{ var: 'data.inconnu' }, 'x'] }, { '<': [{ days_until: [{ var: 'data.voyage.dateDepart' }, { var: 'now' }] }, 21] }]) {
      const read = fromJsonLogic(other, passeportFields);
      expect(read).toEqual({ type: 'when', join: 'and', items: [{ type: 'raw', logic: other }] });
      expect(toJsonLogic(read, passeportFields)).toEqual(other);
    }
  });

  it('reads the shipped « départ imminent » rule as a rule it can edit', () => {
    const imminent = ROUTING['passeport-urgence'].rules.find((r) => r.id === 'depart_imminent')!;
    expect(fromJsonLogic(imminent.when, passeportFields)).toEqual(when(rule('data.voyage.dateDepart', 'withinDays', 7)));
  });

  it('leaves incomplete rules out of the running value, and says what is missing', () => {
    const condition = when(rule('data.mineur', 'isTrue'), { type: 'rule', field: 'data.adresse.codePostal', op: 'inList' }, { type: 'rule', field: '', op: '' });
    expect(() => toJsonLogic(condition, passeportFields)).toThrow();
    expect(toJsonLogic(condition, passeportFields, { skipIncomplete: true })).toEqual({ '==': [{ var: 'data.mineur' }, true] });
    expect(conditionProblems(condition, passeportFields)).toEqual([
      'Condition 2 : indiquez au moins une valeur (séparez-les par des virgules).',
      'Condition 3 : choisissez le champ à tester.',
    ]);
    expect(conditionProblems(when(rule('data.logement.surface', 'between', [50, 20])), fieldsOf(attestation.form.schema)))
      .toEqual(['Condition 1 : le minimum doit être inférieur ou égal au maximum.']);
    expect(conditionProblems({ type: 'when', join: 'and', items: [] }, passeportFields)).toEqual(['Ajoutez au moins une condition, ou choisissez « toujours ».']);
  });
});

describe('describeCondition', () => {
  it('says a condition in one French line, with titles of the values', () => {
    expect(describeCondition(true, passeportFields)).toBe('toujours');
    expect(describeCondition({ and: [
      { in: [{ var: 'data.adresse.codePostal' }, ['93210', '93300']] },
      { '==': [{ var: 'data.urgence.motif' }, 'medicale'] },
    ] }, passeportFields)).toBe('Code postal est parmi 93210, 93300 et Motif est Raison médicale');
    expect(describeCondition({ or: [
      { '==': [{ var: 'data.mineur' }, true] },
      { and: [{ '<=': [{ days_until: [{ var: 'data.voyage.dateDepart' }, { var: 'now' }] }, 7] }, { '<': [{ var: 'data.voyage.dateDepart' }, '2026-06-01'] }] },
    ] }, passeportFields)).toBe('Le passeport est demandé pour un enfant mineur : oui ou (Date de départ dans les 7 jours et Date de départ avant le 1er juin 2026)');
    expect(describeCondition({ '>=': [{ age_years: [{ var: 'data.titulaire.dateNaissance' }, { var: 'now' }] }, 18] }, passeportFields))
      .toBe('Date de naissance : âge d’au moins 18 ans');
    expect(describeCondition({ '<=': [20, { var: 'data.logement.surface' }, 50.5] }, fieldsOf(attestation.form.schema)))
      .toBe('Surface habitable (m²) entre 20 et 50,5');
  });

  it('names a field by its full label when another field has the same title', () => {
    const fields = fieldsOf(attestation.form.schema);
    expect(describeCondition({ '==': [{ var: 'data.hebergeant.adresse.codePostal' }, '93210'] }, fields))
      .toBe('L’hébergeant › Adresse du logement où le visiteur sera accueilli › Code postal est égal à 93210');
  });

  it('says a hand-written condition in rough words, marked as such', () => {
    expect(describeCondition({ '===': [{ var: 'dossier.instruction.urgenceValidee' }, false] }, passeportFields))
      .toBe('Condition écrite à la main : dossier.instruction.urgenceValidee = non');
    expect(describeLogic({ '!=': [{ var: 'data.demandeur.adresse.codePostal' }, { var: 'data.autreParent.adresse.codePostal' }] }, []))
      .toBe('data.demandeur.adresse.codePostal ≠ data.autreParent.adresse.codePostal');
  });
});
