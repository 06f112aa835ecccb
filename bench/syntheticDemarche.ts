import type { Demarche } from '../engine';

/**
 * A large démarche for the linter and compiler benchmark: `groups` compound states of `perGroup`
 * steps each (so `groups × perGroup` leaf states), every step with a guarded transition, a
 * recorded value and a refusal, every fifth step with a reminder timer.
 */
export function syntheticDemarche(groups = 20, perGroup = 10): Demarche {
  const states: Record<string, unknown> = {};
  for (let g = 0; g < groups; g++) {
    const steps: Record<string, unknown> = {};
    for (let s = 0; s < perGroup; s++) {
      const last = s === perGroup - 1;
      steps[`etape_${s}`] = {
        meta: { label: `Étape ${g}.${s}`, citizenStatus: 'En cours', roles: ['agent'], serviceLevel: 'P5D' },
        on: {
          avancer: {
            target: last ? '#fin_' + g : `etape_${s + 1}`,
            guard: { type: 'condition', params: { '>=': [{ var: 'data.montant' }, s] } },
            actions: [{ type: 'set', params: { name: `avis_${g}_${s}`, value: { var: 'event.payload.avis' } } }],
          },
        },
        ...(s % 5 === 0 ? { after: { P15D: { target: `etape_${s}`, reenter: true, actions: [{ type: 'notify', params: { to: ['usager'], template: 'relance' } }] } } } : {}),
      };
    }
    steps.fin = { type: 'final', id: `fin_${g}`, meta: { label: `Fin du groupe ${g}` } };
    states[`groupe_${g}`] = {
      meta: { label: `Groupe ${g}` },
      initial: 'etape_0',
      states: steps,
      onDone: g === groups - 1 ? 'accepte' : `groupe_${g + 1}`,
      on: { refuser: { target: 'refuse', actions: [{ type: 'letter', params: { template: 'refus' } }] } },
    };
  }
  states.accepte = { type: 'final', meta: { label: 'Accepté', outcome: 'accepte' } };
  states.refuse = { type: 'final', meta: { label: 'Refusé', outcome: 'refuse' } };
  return {
    id: 'synthetique',
    version: 1,
    title: 'Démarche synthétique',
    summary: 'Une grande démarche pour mesurer le linter et le compilateur.',
    category: 'Mesures',
    roles: { usager: { label: 'Usager' }, agent: { label: 'Agent' } },
    form: { schema: { type: 'object', required: ['montant'], properties: { montant: { type: 'integer', title: 'Montant', minimum: 0 } } } },
    workflow: { initial: 'groupe_0', states: states as Demarche['workflow']['states'] },
    events: {
      avancer: { label: 'Avancer', roles: ['agent'], payload: { type: 'object', properties: { avis: { type: 'string' } } } },
      refuser: { label: 'Refuser', roles: ['agent'], payload: { type: 'object' } },
    },
    templates: {
      relance: { kind: 'notification', title: 'Relance', body: 'Votre dossier attend.' },
      refus: { kind: 'letter', title: 'Refus', body: 'Refus.' },
    },
    retention: { duration: 'P1Y' },
  };
}
