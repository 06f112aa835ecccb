import { Link } from 'react-router';
import type { Api } from '../../api';
import { formatDate, formatDateTime } from '../../forms/format';
import { useCatalogue } from '../shared/useCatalogue';
import { useMyDossiers } from './queries';
import { expectsCitizen, StatusBadge } from './StatusBadge';
import './citizen.css';

/** « Mes dossiers »: the drafts to finish, then the dossiers filed, what each expects of the citizen now. */
export default function MyDossiers() {
  const dossiers = useMyDossiers();
  const catalogue = useCatalogue();
  const pieceLabel = (demarche: string, piece: string) =>
    catalogue.data?.find((d) => d.id === demarche)?.pieces.find((p) => p.id === piece)?.label ?? piece;

  const all = dossiers.data ?? [];
  const drafts = all.filter((d) => d.status === 'brouillon');
  const open = all.filter((d) => d.status === 'en_cours');
  const closed = all.filter((d) => d.status === 'clos');
  const waiting = open.filter(expectsCitizen).length;

  return (
    <>
      <h1>Mes dossiers</h1>
      <p className="fr-text--lead">Vos demandes en cours, celles à terminer et celles qui sont closes.</p>
      <p>
        <Link className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line" to="/">Faire une nouvelle demande</Link>
      </p>
      {dossiers.isPending && <p role="status">Chargement de vos dossiers…</p>}
      {dossiers.isError && (
        <div className="fr-alert fr-alert--error" role="alert">
          <h2 className="fr-alert__title">Vos dossiers n’ont pas pu être chargés</h2>
          <p>Rechargez la page dans quelques instants.</p>
        </div>
      )}
      {dossiers.data && all.length === 0 && (
        <p>Vous n’avez encore fait aucune demande. Choisissez une démarche dans la <Link to="/">liste des démarches</Link>.</p>
      )}
      {waiting > 0 && (
        <div className="fr-alert fr-alert--warning fr-mb-4w">
          <h2 className="fr-alert__title">{waiting === 1 ? 'Un dossier attend quelque chose de vous' : `${waiting} dossiers attendent quelque chose de vous`}</h2>
          <p>Ce qui est attendu est indiqué sur chaque dossier ci-dessous.</p>
        </div>
      )}

      {drafts.length > 0 && (
        <section className="fr-mb-6w" aria-labelledby="a-terminer">
          <h2 id="a-terminer">À terminer ({drafts.length})</h2>
          <p>Ces demandes ne sont pas encore déposées : la mairie ne les a pas reçues.</p>
          <ul className="guichet-plain-list">
            {drafts.map((d) => (
              <li key={d.id} className="fr-mb-3w">
                <div className="fr-card fr-card--horizontal fr-card--no-arrow fr-enlarge-link">
                  <div className="fr-card__body">
                    <div className="fr-card__content">
                      <h3 className="fr-card__title">
                        <Link to={`/demarches/${d.demarche.id}/brouillons/${d.id}`}>
                          {d.demarche.title}<span className="fr-sr-only"> : reprendre le brouillon</span>
                        </Link>
                      </h3>
                      <p className="fr-card__desc">
                        Brouillon commencé le {formatDate(d.createdAt)}. Reprenez-le là où vous l’avez laissé, puis déposez-le.
                      </p>
                      <div className="fr-card__start">
                        <StatusBadge dossier={d} />
                        <p className="fr-card__detail fr-mt-1w">Référence {d.reference}</p>
                      </div>
                      <div className="fr-card__end">
                        <p className="fr-card__detail fr-icon-time-line">Modifié le {formatDateTime(d.updatedAt)}</p>
                      </div>
                    </div>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}

      {open.length > 0 && (
        <section className="fr-mb-6w" aria-labelledby="en-cours">
          <h2 id="en-cours">En cours ({open.length})</h2>
          <DossierList dossiers={open} pieceLabel={pieceLabel} />
        </section>
      )}

      {closed.length > 0 && (
        <section className="fr-mb-6w" aria-labelledby="clos">
          <h2 id="clos">Terminés ({closed.length})</h2>
          <DossierList dossiers={closed} pieceLabel={pieceLabel} />
        </section>
      )}
    </>
  );
}

function DossierList({ dossiers, pieceLabel }: { dossiers: Api.Dossier[]; pieceLabel: (demarche: string, piece: string) => string }) {
  return (
    <ul className="guichet-plain-list">
      {dossiers.map((d) => {
        const etat = d.etat;
        const expects = expectsCitizen(d);
        return (
          <li key={d.id} className="fr-mb-3w">
            <div className={`fr-card fr-card--horizontal fr-card--no-arrow fr-enlarge-link${expects ? ' guichet-card--attention' : ''}`}>
              <div className="fr-card__body">
                <div className="fr-card__content">
                  <h3 className="fr-card__title">
                    <Link to={`/mes-dossiers/${d.id}`}>
                      {d.demarche.title}<span className="fr-sr-only"> — dossier {d.reference}</span>
                    </Link>
                  </h3>
                  <div className="fr-card__desc">
                    {expects && etat && (
                      <div className="guichet-todo">
                        <p className="fr-text--bold fr-mb-1v"><span className="fr-icon-warning-line fr-icon--sm" aria-hidden="true" /> À faire de votre côté</p>
                        <ul>
                          {etat.citizenActions.map((a) => <li key={a}>{a}</li>)}
                          {etat.piecesManquantes.length > 0 && (
                            <li>Pièces à déposer : {etat.piecesManquantes.map((p) => pieceLabel(d.demarche.id, p)).join(', ')}</li>
                          )}
                        </ul>
                      </div>
                    )}
                    {!expects && etat && !etat.done && <p className="fr-mb-0">Rien à faire de votre côté pour le moment : la mairie s’en occupe.</p>}
                  </div>
                  <div className="fr-card__start">
                    <StatusBadge dossier={d} />
                    <p className="fr-card__detail fr-mt-1w">Référence {d.reference}{d.submittedAt ? ` · déposé le ${formatDate(d.submittedAt)}` : ''}</p>
                  </div>
                  <div className="fr-card__end">
                    <p className="fr-card__detail fr-icon-time-line">Dernière mise à jour le {formatDateTime(d.updatedAt)}</p>
                  </div>
                </div>
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
