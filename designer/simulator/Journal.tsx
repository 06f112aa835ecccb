import { useId } from 'react';
import { type Demarche, type Effect, type HistoryEntry, type Playback } from '../../engine';
import { formatDateTime } from '../../ui/forms';
import { durationText, effectKind, effectText, eventLabel, filingEffects, producedEffects, roleLabel, stateLabel } from './logic';

export interface JournalProps {
  definition: Demarche;
  playback: Playback;
}

function Move({ definition, entry }: { definition: Demarche; entry: HistoryEntry }) {
  const from = entry.from.map((s) => `« ${stateLabel(definition, s)} »`).join(', ');
  const to = entry.to.map((s) => `« ${stateLabel(definition, s)} »`).join(', ');
  if (from === to) return <>, le dossier reste à {to}</>;
  return <>{from ? <>, de {from}</> : null} à {to}</>;
}

function EffectList({ definition, effects }: { definition: Demarche; effects: Effect[] }) {
  if (effects.length === 0) return null;
  return <ul className="fr-text--sm">{effects.map((e, i) => <li key={i}>{effectText(definition, e)}</li>)}</ul>;
}

/** The history of the simulated dossier, refusals included, and the effects it would have produced. */
export function Journal({ definition, playback }: JournalProps) {
  const ids = useId();
  const filing = playback.simulation.history[0];
  const produced = producedEffects(playback);
  return (
    <>
      <section aria-labelledby={`${ids}-effects`}>
        <h3 id={`${ids}-effects`}>Effets produits</h3>
        <p className="fr-text--sm">Ce que le serveur enverrait ou produirait : rien n’est envoyé pendant la simulation.</p>
        {produced.length === 0 ? <p>Aucun effet pour l’instant.</p> : (
          <div className="fr-table fr-table--no-caption">
            <table>
              <caption>Effets produits par la simulation</caption>
              <thead><tr><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Effet</th><th scope="col">Produit par</th></tr></thead>
              <tbody>
                {produced.map((p, i) => (
                  <tr key={i}>
                    <td>{formatDateTime(p.at)}</td>
                    <td>{effectKind(p.effect)}</td>
                    <td>{effectText(definition, p.effect)}</td>
                    <td>{p.cause}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby={`${ids}-history`}>
        <h3 id={`${ids}-history`}>Historique</h3>
        <ol className="guichet-simulator__history">
          <li>
            <strong>{filing.label}</strong> — {roleLabel(definition, filing.actor.role)}, le {formatDateTime(filing.at)}<Move definition={definition} entry={filing} />
            <EffectList definition={definition} effects={filingEffects(playback)} />
          </li>
          {playback.steps.map((step, i) => {
            const role = roleLabel(definition, step.step.role ?? 'usager');
            if (step.step.advance !== undefined) {
              return (
                <li key={i}>
                  <strong>Le temps avance de {durationText(step.step.advance)}</strong>, jusqu’au {formatDateTime(step.at)}
                  {step.fired.length === 0 ? <> : rien ne se déclenche.</> : (
                    <ul>
                      {step.fired.map((f, j) => (
                        <li key={j}>
                          {f.history.label}, le {formatDateTime(f.history.at)}<Move definition={definition} entry={f.history} />
                          <EffectList definition={definition} effects={f.effects} />
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            }
            const what = step.step.deposit ? `Dépôt de pièces (${step.step.deposit.map((p) => definition.pieces?.[p]?.label ?? p).join(', ')})` : eventLabel(definition, step.step.event ?? '');
            if (!step.outcome || !step.outcome.ok) {
              return (
                <li key={i}>
                  <strong>Refusé : {what}</strong> — {role}. <span className="fr-text--sm">{step.outcome?.message}</span>
                </li>
              );
            }
            return (
              <li key={i}>
                <strong>{step.outcome.history.label}</strong> — {role}, le {formatDateTime(step.outcome.history.at)}<Move definition={definition} entry={step.outcome.history} />
                <EffectList definition={definition} effects={step.outcome.effects} />
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
