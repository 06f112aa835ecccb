import { Link } from 'react-router';
import type { Api } from '../../api';
import { placementText } from './routingModel';

const fr = (n: number) => n.toLocaleString('fr-FR');
const dossiers = (n: number) => `${fr(n)} dossier${n >= 2 ? 's' : ''}`;

/** What the edited table would do to the open dossiers: how many each rule catches, which would move. */
export function DryRunResult({ result, warningAt }: { result: Api.DryRun; warningAt(pointer: string): string }) {
  const ruleLabel = (id: string | null) => (id === null ? 'Par défaut' : result.rules.find((r) => r.id === id)?.label ?? id);
  return (
    <div>
      <p>
        <strong>{dossiers(result.examined)} en cours examiné{result.examined >= 2 ? 's' : ''}</strong>
        {' · '}
        {result.moved === 0 ? 'aucun ne changerait de place.' : `${dossiers(result.moved)} changerai${result.moved >= 2 ? 'ent' : 't'} de service, de site, de file ou de priorité.`}
      </p>
      {result.warnings.length > 0 && (
        <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
          <p className="fr-alert__title">Points d’attention</p>
          <ul>{result.warnings.map((w, i) => <li key={i}>{warningAt(w.pointer)}{w.message}</li>)}</ul>
        </div>
      )}
      <div className="fr-table fr-mb-2w">
        <table>
          <caption>Dossiers en cours que prendrait chaque règle</caption>
          <thead><tr><th scope="col">Ordre</th><th scope="col">Règle</th><th scope="col">Dossiers pris</th></tr></thead>
          <tbody>
            {result.rules.map((r, i) => (
              <tr key={r.id}><td>{i + 1}</td><th scope="row">{r.label}</th><td>{fr(r.caught)}</td></tr>
            ))}
            <tr><td>{result.rules.length + 1}</td><th scope="row">Par défaut</th><td>{fr(result.default.caught)}</td></tr>
          </tbody>
        </table>
      </div>
      {result.moves.length > 0 && (
        <div className="fr-table fr-mb-2w">
          <table>
            <caption>Dossiers qui changeraient de place{result.truncated ? ` (les ${fr(result.moves.length)} premiers)` : ''}</caption>
            <thead><tr><th scope="col">Dossier</th><th scope="col">Pris par</th><th scope="col">Aujourd’hui</th><th scope="col">Après</th></tr></thead>
            <tbody>
              {result.moves.map((m) => (
                <tr key={m.id}>
                  <th scope="row"><Link to={`/agent/dossiers/${m.id}`}>{m.reference}</Link></th>
                  <td>{ruleLabel(m.rule)}</td>
                  <td>{placementText(m.from)}</td>
                  <td>{placementText(m.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.truncated && <p className="fr-text--sm">La liste est tronquée : {dossiers(result.moved)} changeraient de place en tout.</p>}
    </div>
  );
}
