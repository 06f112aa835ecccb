import type { Demarche } from '../engine';

/** A démarche's id from its title: « Copie d’acte de naissance » → « copie-acte-naissance ». */
export function demarcheIdFrom(title: string): string {
  const small = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'un', 'une', 'et', 'a', 'au', 'aux', 'en', 'pour']);
  const words = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const kept = words.filter((w) => !small.has(w));
  let id = (kept.length ? kept : words).join('-');
  if (!/^[a-z]/.test(id)) id = `demarche-${id}`;
  return id.slice(0, 64).replace(/-+$/, '') || 'demarche';
}

/**
 * The smallest démarche the linter accepts, to start from: one page with one field, one step
 * where an agent answers, two final outcomes. Everything in it is meant to be renamed or replaced.
 */
export function skeleton(title: string, id = demarcheIdFrom(title)): Demarche {
  return {
    id,
    version: 1,
    title,
    summary: `${title} : décrivez la démarche en une phrase pour le catalogue.`,
    category: 'À classer',
    roles: { usager: { label: 'Usager' }, agent: { label: 'Agent instructeur' } },
    form: {
      schema: {
        type: 'object',
        required: ['objet'],
        properties: { objet: { type: 'string', title: 'Objet de la demande', minLength: 1 } },
      },
      pages: [{ id: 'demande', title: 'Votre demande', fields: ['objet'] }],
    },
    workflow: {
      initial: 'depose',
      states: {
        depose: {
          meta: { label: 'Demande déposée', citizenStatus: 'Demande reçue', roles: ['agent'] },
          on: { accepter: { target: 'acceptee' }, refuser: { target: 'refusee' } },
        },
        acceptee: { type: 'final', meta: { label: 'Acceptée', citizenStatus: 'Demande acceptée', outcome: 'accepte' } },
        refusee: { type: 'final', meta: { label: 'Refusée', citizenStatus: 'Demande refusée', outcome: 'refuse' } },
      },
    },
    events: {
      accepter: { label: 'Accepter', roles: ['agent'], payload: { type: 'object', additionalProperties: false, properties: {} } },
      refuser: {
        label: 'Refuser',
        roles: ['agent'],
        payload: { type: 'object', required: ['motif'], properties: { motif: { type: 'string', title: 'Motif du refus', minLength: 5 } } },
      },
    },
    retention: { duration: 'P1Y' },
  } as Demarche;
}
