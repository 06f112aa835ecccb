import { Link } from 'react-router';
import { can, useSession, type Api } from '../../api';
import { useCatalogue } from '../shared/useCatalogue';
import { formatDuration, requirementOf } from './words';
import './citizen.css';

type Entry = Api.DemarcheSummary;

/** Groups the démarches by their catalogue heading, in the order the API gives them. */
function byCategory(entries: Entry[]): [string, Entry[]][] {
  const groups = new Map<string, Entry[]>();
  for (const e of entries) groups.set(e.category, [...(groups.get(e.category) ?? []), e]);
  return [...groups.entries()];
}

const BADGES = {
  obligatoire: 'fr-badge fr-badge--sm fr-badge--no-icon fr-badge--info',
  'selon votre situation': 'fr-badge fr-badge--sm fr-badge--no-icon',
  facultative: 'fr-badge fr-badge--sm fr-badge--no-icon fr-badge--beige-gris-galet',
} as const;

/** The public catalogue: every démarche of the town hall by heading, what it needs and how long it takes. */
export default function Catalogue() {
  const catalogue = useCatalogue();
  const { user, loading } = useSession();
  const mayFile = !user || can(user).file;

  return (
    <>
      <h1>Les démarches de votre mairie</h1>
      <p className="fr-text--lead">
        Faites vos demandes en ligne, à tout moment : la mairie les instruit et vous suivez chaque étape dans « Mes dossiers ».
      </p>
      {!loading && !user && (
        <div className="fr-notice fr-notice--info fr-mb-4w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">
                Pour faire une demande, connectez-vous ou créez votre compte : vous pourrez l’enregistrer en brouillon et la reprendre plus tard.
              </p>
            </div>
          </div>
        </div>
      )}
      {catalogue.isPending && <p role="status">Chargement des démarches…</p>}
      {catalogue.isError && (
        <div className="fr-alert fr-alert--error" role="alert">
          <h2 className="fr-alert__title">Les démarches n’ont pas pu être chargées</h2>
          <p>Le service ne répond pas pour le moment. Rechargez la page dans quelques instants.</p>
        </div>
      )}
      {catalogue.data && catalogue.data.length === 0 && <p>Aucune démarche n’est proposée en ligne pour le moment.</p>}
      {catalogue.data && byCategory(catalogue.data as Entry[]).map(([category, entries]) => (
        <section key={category} className="fr-mb-6w" aria-labelledby={`rubrique-${slug(category)}`}>
          <h2 id={`rubrique-${slug(category)}`}>{category}</h2>
          <ul className="fr-grid-row fr-grid-row--gutters guichet-plain-list">
            {entries.map((entry) => (
              <li key={entry.id} className="fr-col-12 fr-col-md-6">
                <DemarcheCard entry={entry} signedIn={!!user} mayFile={mayFile} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function DemarcheCard({ entry, signedIn, mayFile }: { entry: Entry; signedIn: boolean; mayFile: boolean }) {
  const titleId = `demarche-${entry.id}`;
  const target = `/demarches/${entry.id}`;
  const href = signedIn ? target : `/connexion?retour=${encodeURIComponent(target)}`;
  const duration = formatDuration(entry.typicalDuration);
  return (
    <div className="fr-card fr-card--no-arrow guichet-card">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title" id={titleId}>{entry.title}</h3>
          <p className="fr-card__desc">{entry.summary}</p>
          {entry.pieces.length > 0 && (
            <div className="fr-mt-2w guichet-card__pieces">
              <p className="fr-text--sm fr-text--bold fr-mb-1w">Pièces à fournir</p>
              <ul className="fr-text--sm guichet-pieces">
                {entry.pieces.map((piece) => {
                  const requirement = requirementOf(piece.required);
                  return (
                    <li key={piece.id}>
                      {piece.label} <span className={BADGES[requirement]}>{requirement}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {duration && (
            <div className="fr-card__end">
              <p className="fr-card__detail fr-icon-time-line">Délai habituel : {duration}</p>
            </div>
          )}
        </div>
        {mayFile && (
          <div className="fr-card__footer">
            <ul className="fr-btns-group fr-btns-group--inline-reverse fr-btns-group--inline-lg">
              <li>
                <Link className="fr-btn" to={href} aria-describedby={signedIn ? titleId : `${titleId} ${titleId}-connexion`}>
                  Faire la demande
                </Link>
              </li>
            </ul>
            {!signedIn && <p className="fr-text--xs fr-mb-0" id={`${titleId}-connexion`}>Vous devrez d’abord vous connecter.</p>}
          </div>
        )}
      </div>
    </div>
  );
}
