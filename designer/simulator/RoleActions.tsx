import { useId, useMemo, useState } from 'react';
import { available, type AvailableEvent, type Demarche, type ScenarioStep, type Simulation } from '../../engine';
import { PayloadForm } from '../../ui/forms';
import { actingRoles, eventLabel, roleLabel } from './logic';

export interface RoleActionsProps {
  definition: Demarche;
  simulation: Simulation;
  role: string;
  onRoleChange: (role: string) => void;
  onStep: (step: ScenarioStep) => void;
}

interface Chosen {
  type: string;
  label: string;
  description?: string;
  payload: Record<string, unknown>;
  uiSchema?: Record<string, unknown>;
}

const hasFields = (schema: Record<string, unknown>) =>
  typeof schema.properties === 'object' && schema.properties !== null && Object.keys(schema.properties).length > 0;

/**
 * Acting as one role of the draft: the events the engine offers that role now, each a button; an
 * event that asks for information opens its form. Other events can be tried too, to see (and record)
 * the engine's refusal; pièces can be deposited.
 */
export function RoleActions({ definition, simulation, role, onRoleChange, onStep }: RoleActionsProps) {
  const ids = useId();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [other, setOther] = useState('');
  const [deposit, setDeposit] = useState<string[]>([]);
  const offered = useMemo<AvailableEvent[]>(
    () => available(definition, simulation.snapshot, { roles: [role] }, simulation.now),
    [definition, simulation, simulation.snapshot, simulation.now, role],
  );
  const others = Object.keys(definition.events).filter((type) => !offered.some((a) => a.type === type));
  const roles = actingRoles(definition);
  const pieces = Object.entries(definition.pieces ?? {});

  const act = (event: Chosen) => {
    if (hasFields(event.payload)) {
      setChosen(event);
      return;
    }
    setChosen(null);
    onStep({ event: event.type, role, payload: {} });
  };

  const tryOther = () => {
    const declared = definition.events[other];
    if (!declared) return;
    act({ type: other, label: declared.label, description: declared.description, payload: declared.payload, uiSchema: declared.uiSchema });
  };

  return (
    <section aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>Actions</h3>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${ids}-role`}>Agir en tant que</label>
        <select
          className="fr-select"
          id={`${ids}-role`}
          value={role}
          onChange={(e) => {
            setChosen(null);
            onRoleChange(e.target.value);
          }}
        >
          {roles.map((r) => <option key={r} value={r}>{roleLabel(definition, r)}</option>)}
        </select>
      </div>

      {simulation.done ? <p>Le dossier est clos : plus aucune action n’est possible.</p> : offered.length === 0 ? (
        <p>Aucune action n’est offerte à « {roleLabel(definition, role)} » à cette étape.</p>
      ) : (
        <>
          <p className="fr-mb-1w">Actions offertes à « {roleLabel(definition, role)} » maintenant :</p>
          <ul className="fr-btns-group fr-btns-group--inline-md">
            {offered.map((a) => (
              <li key={a.type}>
                <button
                  type="button"
                  className={`fr-btn${a.enabled ? '' : ' fr-btn--tertiary'}`}
                  aria-describedby={a.enabled ? undefined : `${ids}-blocked`}
                  aria-expanded={hasFields(a.payload) ? chosen?.type === a.type : undefined}
                  onClick={() => act(a)}
                >
                  {a.label}
                </button>
              </li>
            ))}
          </ul>
          {offered.some((a) => !a.enabled) && (
            <p className="fr-text--sm fr-message fr-message--info" id={`${ids}-blocked`}>
              Une condition de la démarche bloque pour l’instant les actions en gris ; les essayer montre le refus du moteur.
            </p>
          )}
        </>
      )}

      {chosen && (
        <div className="fr-card fr-p-3w fr-mb-3w" role="group" aria-labelledby={`${ids}-form`}>
          <h4 id={`${ids}-form`} className="fr-h6">{chosen.label}</h4>
          {chosen.description && <p className="fr-text--sm">{chosen.description}</p>}
          <PayloadForm
            key={chosen.type}
            schema={chosen.payload}
            uiSchema={chosen.uiSchema}
            submitLabel={`Envoyer en tant que ${roleLabel(definition, role)}`}
            onCancel={() => setChosen(null)}
            onSubmit={(payload) => {
              setChosen(null);
              onStep({ event: chosen.type, role, payload });
            }}
            headingLevel={4}
          />
        </div>
      )}

      {!simulation.done && others.length > 0 && (
        <details className="fr-mb-3w">
          <summary>Essayer une autre action</summary>
          <p className="fr-text--sm fr-mt-1w">Une action que le moteur n’offre pas à ce rôle maintenant : il la refuse, et le refus peut être gardé dans un scénario.</p>
          <div className="fr-select-group">
            <label className="fr-label" htmlFor={`${ids}-other`}>Action à essayer</label>
            <select className="fr-select" id={`${ids}-other`} value={other} onChange={(e) => setOther(e.target.value)}>
              <option value="">Choisir une action</option>
              {others.map((type) => <option key={type} value={type}>{eventLabel(definition, type)}</option>)}
            </select>
          </div>
          <button type="button" className="fr-btn fr-btn--secondary" disabled={!other} onClick={tryOther}>Essayer cette action</button>
        </details>
      )}

      {!simulation.done && pieces.length > 0 && (
        <fieldset className="fr-fieldset" aria-labelledby={`${ids}-deposit`}>
          <legend className="fr-fieldset__legend" id={`${ids}-deposit`}>Déposer des pièces en tant que « {roleLabel(definition, role)} »</legend>
          {pieces.map(([id, piece]) => (
            <div className="fr-fieldset__element" key={id}>
              <div className="fr-checkbox-group">
                <input
                  type="checkbox"
                  id={`${ids}-deposit-${id}`}
                  checked={deposit.includes(id)}
                  onChange={(e) => setDeposit((d) => (e.target.checked ? [...d, id] : d.filter((p) => p !== id)))}
                />
                <label className="fr-label" htmlFor={`${ids}-deposit-${id}`}>{piece.label}</label>
              </div>
            </div>
          ))}
          <div className="fr-fieldset__element">
            <button
              type="button"
              className="fr-btn fr-btn--secondary"
              disabled={deposit.length === 0}
              onClick={() => {
                onStep({ deposit: pieces.map(([id]) => id).filter((id) => deposit.includes(id)), role });
                setDeposit([]);
              }}
            >
              Déposer les pièces cochées
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
