import { runScenario, runScenarios, type Demarche, type Scenario, type ScenarioStep } from '../../engine';
import { DEMARCHES } from '../../definitions';

const SHIPPED = Object.keys(DEMARCHES);

const garde: Demarche = DEMARCHES['garde-alternee'];
const attestation: Demarche = DEMARCHES['attestation-accueil'];

/** The dépôt of one of the shipped scenarios, found by id: realistic data, with its pièces. */
function startOf(definition: Demarche, id: string): Scenario['start'] {
  const scenario = definition.scenarios?.find((s) => s.id === id);
  if (!scenario) throw new Error(`Pas de scénario « ${id} » dans ${definition.id}.`);
  return scenario.start;
}

// Mme Martin files on Monday 2 March 2026, 10 h in Paris, with every pièce: the other parent is asked.
const GARDE_START = startOf(garde, 'accord-et-facturation-partagee');
const SOLLICITE = ['instruction.accord_autre_parent.attente_reponse.sollicite', 'instruction.verification_pieces.controle_pieces'];
const RELANCE = ['instruction.accord_autre_parent.attente_reponse.relance', 'instruction.verification_pieces.controle_pieces'];
const ESCALADE = ['instruction.accord_autre_parent.decision_expert', 'instruction.verification_pieces.controle_pieces'];
const ACCORD = ['instruction.accord_autre_parent.accord_obtenu', 'instruction.verification_pieces.controle_pieces'];

function gardeScenario(steps: ScenarioStep[], more: Partial<Scenario> = {}): Scenario {
  return { id: 'essai', title: 'Essai', start: GARDE_START, steps, ...more };
}

describe('the scenarios of the shipped démarches', () => {
  it.each(SHIPPED)('%s keeps three to five scenarios, with unique ids and French titles and descriptions', (id) => {
    const scenarios = DEMARCHES[id].scenarios ?? [];
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
    expect(scenarios.length).toBeLessThanOrEqual(5);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    for (const s of scenarios) {
      expect(s.title).toMatch(/[a-zàâçéèêëîïôûù’]/);
      expect(s.description?.length).toBeGreaterThan(80);
    }
  });

  it.each(SHIPPED)('%s: every scenario passes', (id) => {
    const results = runScenarios(DEMARCHES[id]);
    expect(results).toHaveLength(DEMARCHES[id].scenarios!.length);
    // On failure, the title, the pointer, the French reason and the steps played are shown.
    expect(results.filter((r) => !r.ok).map(({ title, failure, log }) => ({ title, failure, log }))).toEqual([]);
  });

  it.each(SHIPPED)('%s tells its main stories: one ending accepted, one ending otherwise, a refused step, time that fires something', (id) => {
    const definition = DEMARCHES[id];
    const scenarios = definition.scenarios!;
    const ends = scenarios.map((s) => s.expect?.outcome ?? [...s.steps].reverse().find((step) => step.expect?.outcome)?.expect?.outcome);
    expect(ends).toContain('accepte');
    expect(ends.some((o) => o && o !== 'accepte')).toBe(true);
    expect(scenarios.some((s) => s.steps.some((step) => step.expect?.rejected))).toBe(true);
    expect(scenarios.some((s) => s.steps.some((step) => step.deposit))).toBe(true);
    // A step `+P15D : …` of the log names what fired; « rien ne se déclenche » otherwise.
    const fired = runScenarios(definition).flatMap((r) => r.log).filter((line) => line.startsWith('+') && !line.includes('rien ne se déclenche'));
    expect(fired.length).toBeGreaterThan(0);
  });
});

describe('runScenario', () => {
  it('passes when every expectation holds, and logs the dépôt and each step', () => {
    const result = runScenario(garde, gardeScenario([
      { event: 'confirmer_garde', role: 'coparent', payload: { observations: 'D’accord avec le calendrier.' },
        expect: { states: ACCORD, instruction: { accordAutreParent: 'confirme' } } },
      { event: 'valider_pieces', role: 'expert', expect: { states: ['calcul_quotient'] } },
    ], { expect: { done: false, effects: [{ type: 'notify', template: 'demande_accord_autre_parent', to: ['coparent'] }] } }), 0);
    expect(result).toEqual({
      id: 'essai',
      title: 'Essai',
      ok: true,
      log: [
        `Dépôt le 2026-03-02T09:00:00.000Z : ${SOLLICITE.join(', ')}`,
        `coparent : confirmer_garde → ${ACCORD.join(', ')}`,
        'expert : valider_pieces → calcul_quotient',
      ],
    });
  });

  describe('fails where the dossier is not what the scenario says', () => {
    it('on a wrong expected state: the pointer of that step, and a French message naming the expected and the actual states', () => {
      const scenario = gardeScenario([
        { advance: 'P3D' },
        { event: 'confirmer_garde', role: 'coparent', expect: { states: ['calcul_quotient'] } },
        { event: 'valider_pieces', role: 'expert' },
      ]);
      const result = runScenario(garde, scenario, 3);
      expect(result.ok).toBe(false);
      expect(result.failure).toEqual({
        pointer: '/scenarios/3/steps/1',
        message: 'Étape 2 : le dossier devait être à « calcul_quotient », il est à '
          + '« instruction.accord_autre_parent.accord_obtenu », « instruction.verification_pieces.controle_pieces ».',
      });
    });

    it('accepts the expected states in any order, but all of them and only them', () => {
      const step = (states: string[]): ScenarioStep => ({ event: 'confirmer_garde', role: 'coparent', expect: { states } });
      expect(runScenario(garde, gardeScenario([step([...ACCORD].reverse())]), 0).ok).toBe(true);
      expect(runScenario(garde, gardeScenario([step([ACCORD[0]])]), 0).failure?.pointer).toBe('/scenarios/0/steps/0');
    });

    it('when a step expected refused is accepted', () => {
      const result = runScenario(garde, gardeScenario([
        { event: 'confirmer_garde', role: 'agent', payload: { dateCourrier: '2026-03-09' }, expect: { rejected: 'forbidden' } },
      ]), 0);
      expect(result.failure).toEqual({ pointer: '/scenarios/0/steps/0', message: 'Étape 1 : devait être refusé (forbidden), mais a été accepté.' });
    });

    it('when a step is refused for another reason than the expected one', () => {
      const result = runScenario(garde, gardeScenario([
        { event: 'statuer_sans_reponse', role: 'expert', payload: { decision: 'valider', motif: 'Jugement du JAF produit au dossier.' }, expect: { rejected: 'forbidden' } },
      ]), 0);
      expect(result.failure?.pointer).toBe('/scenarios/0/steps/0');
      expect(result.failure?.message).toMatch(/^Étape 1 : devait être refusé pour « forbidden », mais l’a été pour « not_in_state » : /);
    });

    it('passes a step refused as expected, which changes nothing', () => {
      const result = runScenario(garde, gardeScenario([
        { event: 'confirmer_garde', role: 'usager', expect: { rejected: 'forbidden', states: SOLLICITE } },
        { event: 'confirmer_garde', role: 'coparent', expect: { states: ACCORD } },
      ]), 0);
      expect(result.ok).toBe(true);
      expect(result.log[1]).toBe('usager : confirmer_garde → refusé (forbidden)');
    });

    it('when a step without `rejected` is refused, with the engine’s French reason', () => {
      const result = runScenario(garde, gardeScenario([{ event: 'abandonner', role: 'coparent' }]), 0);
      expect(result.failure?.pointer).toBe('/scenarios/0/steps/0');
      expect(result.failure?.message).toContain('Étape 1 : refusé (forbidden) : Votre rôle ne permet pas « Retirer ma demande ». Rôles autorisés : « usager ».');
    });

    it('when an expected effect is missing, naming it: type, template and recipients', () => {
      const ok = runScenario(garde, gardeScenario([
        { event: 'abandonner', role: 'usager', expect: { effects: [{ type: 'notify', template: 'abandon', to: ['coparent', 'usager'] }] } },
      ]), 0);
      expect(ok.ok).toBe(true);
      const wrong = runScenario(garde, gardeScenario([
        { event: 'abandonner', role: 'usager', expect: { effects: [{ type: 'letter', template: 'abandon', to: ['usager'] }] } },
      ]), 0);
      expect(wrong.failure).toEqual({ pointer: '/scenarios/0/steps/0', message: 'Étape 1 : l’effet letter « abandon » à usager devait être produit ; produits : notify « abandon » à usager, coparent.' });
    });

    it('when an instruction value differs', () => {
      const result = runScenario(garde, gardeScenario([
        { event: 'contester_garde', role: 'coparent', payload: { motif: 'Les enfants vivent chez moi depuis janvier.' }, expect: { instruction: { accordAutreParent: 'confirme' } } },
      ]), 0);
      expect(result.failure?.message).toBe('Étape 1 : « accordAutreParent » devait valoir "confirme", il vaut "conteste".');
    });

    it('at the end, at /scenarios/<i>/expect, when the final expectation does not hold', () => {
      const result = runScenario(garde, gardeScenario([{ event: 'confirmer_garde', role: 'coparent' }], { expect: { done: true } }), 2);
      expect(result.failure).toEqual({ pointer: '/scenarios/2/expect', message: 'À la fin : le dossier devait être clos.' });
      const outcome = runScenario(garde, gardeScenario([], { expect: { outcome: 'accepte' } }), 0);
      expect(outcome.failure?.message).toBe('À la fin : l’issue devait être « accepte », elle est « aucune ».');
    });
  });

  describe('steps', () => {
    it('fails a step that does two things (or nothing), before playing it', () => {
      const two = runScenario(garde, gardeScenario([
        { event: 'confirmer_garde', role: 'coparent', expect: { states: ACCORD } },
        { event: 'valider_pieces', role: 'expert', advance: 'P1D' },
      ]), 0);
      expect(two.failure).toEqual({ pointer: '/scenarios/0/steps/1', message: 'Une étape fait une seule chose : « event », « deposit » ou « advance ».' });
      expect(two.log).toHaveLength(2);
      const deposit = runScenario(garde, gardeScenario([{ deposit: ['jugement'], advance: 'P1D' }]), 0);
      expect(deposit.failure?.pointer).toBe('/scenarios/0/steps/0');
      const none = runScenario(garde, gardeScenario([{ role: 'expert' }]), 0);
      expect(none.failure?.message).toBe('Une étape fait une seule chose : « event », « deposit » ou « advance ».');
    });

    it('fails at /scenarios/<i>/start when the form data is refused, naming the field', () => {
      const bad = { ...GARDE_START.data, autreParent: { ...(GARDE_START.data.autreParent as object), courriel: 'julien.bernard' } };
      const results = runScenarios({
        ...garde,
        scenarios: [
          gardeScenario([], { id: 'bon' }),
          gardeScenario([{ event: 'confirmer_garde', role: 'coparent' }], { id: 'mauvais', start: { ...GARDE_START, data: bad } }),
          gardeScenario([], { id: 'bon-aussi' }),
        ],
      });
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1]).toMatchObject({
        id: 'mauvais',
        failure: {
          pointer: '/scenarios/1/start',
          message: 'Le dépôt est refusé : Le formulaire contient 1 erreur : corrigez les champs signalés. (Adresse e-mail : Doit être une adresse e-mail valide.)',
        },
        log: [],
      });
    });

    it('files under the start role: an agent at the desk may, a role of another démarche may not', () => {
      expect(runScenario(garde, gardeScenario([], { start: { ...GARDE_START, role: 'agent' } }), 0).ok).toBe(true);
      expect(runScenario(garde, gardeScenario([], { start: { ...GARDE_START, role: 'elu' } }), 0).failure).toMatchObject({
        pointer: '/scenarios/0/start', message: expect.stringContaining('Le dépôt est refusé : Vous ne pouvez pas déposer de dossier'),
      });
    });

    it('fires the timers that fall due when time advances, and only those', () => {
      const result = runScenario(garde, gardeScenario([
        { advance: 'P14D', expect: { states: SOLLICITE } },
        { advance: 'P1D', expect: { states: RELANCE, effects: [{ type: 'notify', template: 'relance_autre_parent', to: ['coparent'] }] } },
        { advance: 'P14D', expect: { states: RELANCE } },
        { advance: 'P1D', expect: { states: ESCALADE, effects: [{ type: 'notify', template: 'escalade_sans_reponse', to: ['expert'] }] } },
      ]), 0);
      expect(result.ok).toBe(true);
      expect(result.log.slice(1)).toEqual([
        `+P14D : rien ne se déclenche → ${SOLLICITE.join(', ')}`,
        `+P1D : Délai écoulé : Relance de l’autre parent (15 jours) → ${RELANCE.join(', ')}`,
        `+P14D : rien ne se déclenche → ${RELANCE.join(', ')}`,
        `+P1D : Délai écoulé : Sans réponse de l’autre parent (30 jours) → ${ESCALADE.join(', ')}`,
      ]);
    });

    it('fires every timer due on the way of a long advance, in due order', () => {
      const result = runScenario(garde, gardeScenario([
        { advance: 'P2M', expect: { states: ESCALADE, effects: [{ type: 'notify', template: 'relance_autre_parent' }, { type: 'notify', template: 'escalade_sans_reponse' }] } },
      ]), 0);
      expect(result.ok).toBe(true);
      expect(result.log[1]).toBe(`+P2M : Délai écoulé : Relance de l’autre parent (15 jours), Délai écoulé : Sans réponse de l’autre parent (30 jours) → ${ESCALADE.join(', ')}`);
    });

    it('fires a délai’s warning seven days before its end, and its expiry one month after the dépôt', () => {
      const start = startOf(attestation, 'attestation-signee-et-remise');
      const result = runScenario(attestation, { id: 'silence', title: 'Silence du maire', start, steps: [
        { advance: 'P24D', expect: { states: ['demande.verification_completude'], effects: [{ type: 'notify', template: 'alerte_refus_implicite', to: ['agent', 'responsable'] }] } },
        { advance: 'P6D', expect: { states: ['demande.verification_completude'], done: false } },
        { advance: 'P1D', expect: { states: ['refus_implicite'], outcome: 'refuse', effects: [{ type: 'letter', template: 'refus_implicite', to: ['usager'] }] } },
      ] }, 0);
      expect(result).toMatchObject({ ok: true });
      expect(result.log.slice(1).map((line) => line.split(' → ')[0])).toEqual([
        '+P24D : Alerte, 7 jours avant l’échéance : Réponse du maire (le silence vaut rejet)',
        '+P6D : rien ne se déclenche',
        '+P1D : Délai échu : Réponse du maire (le silence vaut rejet)',
      ]);
    });

    it('fails a scenario that expects a timer too early', () => {
      const result = runScenario(garde, gardeScenario([
        { event: 'valider_pieces', role: 'expert' },
        { advance: 'P14D', expect: { states: ['instruction.accord_autre_parent.attente_reponse.relance', 'instruction.verification_pieces.pieces_validees'] } },
      ]), 0);
      expect(result.failure).toEqual({
        pointer: '/scenarios/0/steps/1',
        message: 'Étape 2 : le dossier devait être à « instruction.accord_autre_parent.attente_reponse.relance », « instruction.verification_pieces.pieces_validees », '
          + 'il est à « instruction.accord_autre_parent.attente_reponse.sollicite », « instruction.verification_pieces.pieces_validees ».',
      });
    });

    it('deposits pièces under the step’s role, and the workflow reacts to them', () => {
      const start = { ...GARDE_START, pieces: ['jugement', 'justificatif_domicile_demandeur', 'ressources_demandeur'] };
      const result = runScenario(garde, gardeScenario([
        { event: 'demander_pieces', role: 'expert', payload: { pieces: ['justificatif_domicile_autre_parent', 'ressources_autre_parent'] } },
        { deposit: ['justificatif_domicile_autre_parent', 'ressources_autre_parent'], role: 'coparent', expect: { states: SOLLICITE } },
        { deposit: ['jugement'], role: 'elu', expect: { rejected: 'forbidden' } },
      ], { start }), 0);
      expect(result.ok).toBe(true);
      expect(result.log[2]).toBe(`Dépôt de justificatif_domicile_autre_parent, ressources_autre_parent par coparent → ${SOLLICITE.join(', ')}`);
    });
  });

  it('shows in a failure’s log the steps played, up to the failing one and no further', () => {
    const result = runScenario(garde, gardeScenario([
      { advance: 'P15D' },
      { event: 'confirmer_garde', role: 'usager' },
      { event: 'confirmer_garde', role: 'coparent' },
    ]), 0);
    expect(result.ok).toBe(false);
    expect(result.failure?.pointer).toBe('/scenarios/0/steps/1');
    expect(result.log).toEqual([
      `Dépôt le 2026-03-02T09:00:00.000Z : ${SOLLICITE.join(', ')}`,
      `+P15D : Délai écoulé : Relance de l’autre parent (15 jours) → ${RELANCE.join(', ')}`,
      'usager : confirmer_garde → refusé (forbidden)',
    ]);
  });

  it('plays each scenario from a fresh dossier, and none for a definition without scenarios', () => {
    const { scenarios: _none, ...bare } = garde;
    expect(runScenarios(bare as Demarche)).toEqual([]);
    const twice = runScenarios({ ...garde, scenarios: [gardeScenario([{ advance: 'P15D', expect: { states: RELANCE } }]), gardeScenario([{ advance: 'P15D', expect: { states: RELANCE } }])] });
    expect(twice.map((r) => r.ok)).toEqual([true, true]);
  });
});
