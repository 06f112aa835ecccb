import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, upload, useSession, type Api } from '../../api';
import { formatDate, formatDateTime, formatSize, PieceUpload } from '../../forms';
import { DossierActions } from './DossierActions';
import { piecesOf } from './pieces';
import { documentUrl, useDemarche, useDocuments, useDossier, useHistory, useLetters, useRefreshDossier } from './queries';
import { StatusBadge } from './StatusBadge';
import { historyWords, outcomeWords } from './words';
import './citizen.css';

/** What the filing page passes on after a submission, to confirm it. */
export interface FiledState {
  filed?: string;
}

/**
 * A citizen's dossier: where it stands in plain words, what is expected of them now (pièces to
 * send, decisions to take), the délais, the history, the letters and the documents.
 */
export default function CitizenDossier() {
  const { id = '' } = useParams();
  const location = useLocation();
  const filed = (location.state as FiledState | null)?.filed;
  const { user } = useSession();
  const dossier = useDossier(id);
  const demarche = useDemarche(dossier.data?.demarche.id, dossier.data?.demarche.version);
  const documents = useDocuments(id);
  const history = useHistory(id);
  const letters = useLetters(id);
  const refresh = useRefreshDossier();
  const [message, setMessage] = useState<string | null>(null);

  if (dossier.isPending) return <p role="status">Chargement du dossier…</p>;
  if (dossier.isError) {
    const notFound = dossier.error instanceof ApiError && dossier.error.status === 404;
    return (
      <>
        <h1>{notFound ? 'Dossier introuvable' : 'Le dossier n’a pas pu être chargé'}</h1>
        <p>{notFound ? 'Ce dossier n’existe pas, ou il ne vous appartient pas.' : 'Rechargez la page dans quelques instants.'}</p>
        <p><Link to="/mes-dossiers">Revenir à mes dossiers</Link></p>
      </>
    );
  }

  const d = dossier.data;
  const definition = demarche.data?.definition;
  const pieces = piecesOf(demarche.data);
  const pieceLabel = (pieceId: string) => pieces.find((p) => p.id === pieceId)?.label ?? pieceId;
  const etat = d.etat;
  const docs = documents.data ?? [];
  const generated = docs.filter((doc) => doc.kind === 'genere');
  const mine = docs.filter((doc) => doc.kind === 'piece');
  const missing = etat && !etat.done ? etat.piecesManquantes : [];
  const missingPieces = pieces.filter((p) => missing.includes(p.id));
  const expected = etat && !etat.done ? etat.citizenActions : [];
  const deadlines = (etat?.deadlines ?? []).filter((dl) => dl.status === 'running' || dl.status === 'paused');
  const myRoles = d.roles.length ? d.roles : user ? ['usager'] : [];
  /** The citizen who filed (others, like the other parent, are parties to someone else's request). */
  const owner = !!user && d.ownerId === user.id;

  async function uploadPiece(pieceId: string, file: File, onProgress: (fraction: number) => void) {
    const form = new FormData();
    form.append('piece', pieceId);
    form.append('file', file, file.name);
    const answer = await upload<Api.Attached>(`/api/dossiers/${id}/documents`, form, onProgress);
    setMessage(`Pièce reçue : ${pieceLabel(pieceId)}.`);
    await refresh(id, answer.dossier);
    return answer;
  }

  function actionDone(text: string, after?: Api.Dossier) {
    if (text) setMessage(text);
    void refresh(id, after);
  }

  if (d.status === 'brouillon') {
    return (
      <>
        <h1>{d.demarche.title}</h1>
        <p>Cette demande est un brouillon : elle n’a pas encore été déposée.</p>
        <p><Link className="fr-btn" to={`/demarches/${d.demarche.id}/brouillons/${d.id}`}>Reprendre ma demande</Link></p>
      </>
    );
  }

  return (
    <>
      <nav role="navigation" className="fr-breadcrumb" aria-label="vous êtes ici :">
        <ol className="fr-breadcrumb__list">
          <li><Link className="fr-breadcrumb__link" to="/mes-dossiers">Mes dossiers</Link></li>
          <li><a className="fr-breadcrumb__link" aria-current="page">Dossier {d.reference}</a></li>
        </ol>
      </nav>
      <h1>{d.demarche.title}</h1>
      <p className="fr-text--lead">Dossier n° <strong>{d.reference}</strong>{d.submittedAt ? `, déposé le ${formatDateTime(d.submittedAt)}` : ''}</p>

      {filed && (
        <div className="fr-alert fr-alert--success fr-mb-4w" role="status">
          <h2 className="fr-alert__title">Votre demande a bien été déposée</h2>
          <p>
            Sa référence est <strong>{d.reference}</strong> : rappelez-la si vous contactez la mairie.
            Vous suivez ici chaque étape de votre demande ; la mairie vous écrit aussi quand elle avance.
          </p>
        </div>
      )}
      <div role="status" aria-live="polite">
        {message && <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w"><p>{message}</p></div>}
      </div>

      <section className="fr-mb-5w" aria-labelledby="ou-en-est">
        <h2 id="ou-en-est">{owner ? 'Où en est votre demande' : 'Où en est la demande'}</h2>
        <StatusBadge dossier={d} />
        {etat?.done && (
          <p className="fr-mt-2w">
            {!etat.citizenStatus && outcomeWords(etat.outcome) ? `${outcomeWords(etat.outcome)}. ` : ''}
            {d.closedAt ? `Dossier clos le ${formatDate(d.closedAt)}.` : 'Dossier clos.'}
          </p>
        )}
        {etat && !etat.done && expected.length === 0 && missing.length === 0 && (
          <p className="fr-mt-2w">Rien à faire de votre côté pour le moment : la mairie s’occupe {owner ? 'de votre demande' : 'de la demande'}.</p>
        )}
        {deadlines.length > 0 && (
          <ul className="fr-mt-2w">
            {deadlines.map((dl) => (
              <li key={dl.name}>
                {dl.status === 'running' && dl.dueAt
                  ? <>{dl.label} : au plus tard le <strong>{formatDate(dl.dueAt)}</strong>.</>
                  : <>{dl.label} : délai suspendu{missing.length ? ' jusqu’à la réception des pièces demandées' : ''}.</>}
              </li>
            ))}
          </ul>
        )}
      </section>

      {(expected.length > 0 || missingPieces.length > 0) && (
        <section className="fr-callout fr-callout--yellow-tournesol fr-mb-5w" aria-labelledby="attendu">
          <h2 id="attendu" className="fr-callout__title">Ce que la mairie attend de vous</h2>
          {expected.map((text) => <p key={text} className="fr-callout__text">{text}</p>)}
          {generated.length > 0 && (
            <ul className="guichet-plain-list fr-mt-2w">
              {generated.map((doc) => <li key={doc.id}><DocumentLink dossierId={id} doc={doc} /></li>)}
            </ul>
          )}
          {missingPieces.length > 0 && (
            <div className="fr-mt-3w">
              <h3 className="fr-h6">
                {owner
                  ? (missingPieces.length === 1 ? 'La pièce à déposer' : 'Les pièces à déposer')
                  : (missingPieces.length === 1 ? 'La pièce qui manque au dossier' : 'Les pièces qui manquent au dossier')}
              </h3>
              <PieceUpload
                pieces={missingPieces}
                uploaded={mine}
                data={d.data}
                required={Object.fromEntries(missingPieces.map((p) => [p.id, true]))}
                upload={uploadPiece}
                idPrefix="piece-demandee"
              />
            </div>
          )}
          {d.actions.length > 0 && <DossierActions dossier={d} heading="Ce que vous pouvez faire" onDone={actionDone} />}
        </section>
      )}
      {expected.length === 0 && missingPieces.length === 0 && d.actions.length > 0 && (
        <section className="fr-mb-5w" aria-labelledby="possible">
          <h2 id="possible">Ce que vous pouvez faire</h2>
          <DossierActions dossier={d} onDone={actionDone} />
        </section>
      )}

      <section className="fr-mb-5w" aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        {documents.isPending && <p role="status">Chargement des documents…</p>}
        {generated.length > 0 && (
          <>
            <h3 className="fr-h6">Délivrés par la mairie</h3>
            <ul className="guichet-plain-list">
              {generated.map((doc) => <li key={doc.id} className="fr-mb-2w"><DocumentLink dossierId={id} doc={doc} /></li>)}
            </ul>
          </>
        )}
        {documents.data && mine.length === 0 && <p>Vous n’avez déposé aucune pièce.</p>}
        {mine.length > 0 && (
          <div className="fr-table guichet-documents">
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table>
                    <caption>Vos pièces justificatives</caption>
                    <thead>
                      <tr>
                        <th scope="col">Pièce</th>
                        <th scope="col">Document</th>
                        <th scope="col">Reçu le</th>
                      </tr>
                    </thead>
                    <tbody>
                      {mine.map((doc) => (
                        <tr key={doc.id}>
                          <th scope="row">{doc.piece ? pieceLabel(doc.piece) : 'Autre document'}</th>
                          <td><DocumentLink dossierId={id} doc={doc} /></td>
                          <td>{formatDateTime(doc.createdAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
      </section>

      <section className="fr-mb-5w" aria-labelledby="courriers">
        <h2 id="courriers">Courriers de la mairie</h2>
        {letters.isPending && <p role="status">Chargement des courriers…</p>}
        {letters.data && letters.data.length === 0 && <p>La mairie ne vous a pas encore écrit au sujet de ce dossier.</p>}
        {letters.data && letters.data.length > 0 && (
          <div className="fr-accordions-group">
            {letters.data.map((letter) => <LetterItem key={letter.id} letter={letter} />)}
          </div>
        )}
      </section>

      <section className="fr-mb-5w" aria-labelledby="historique">
        <h2 id="historique">Historique</h2>
        {history.isPending && <p role="status">Chargement de l’historique…</p>}
        {history.data && (
          <ol className="guichet-history">
            {history.data.map((line) => {
              const words = historyWords(line, definition?.workflow, myRoles, pieceLabel);
              return (
                <li key={line.seq}>
                  <p className="fr-mb-0">
                    <time dateTime={line.at}>{formatDateTime(line.at)}</time> — {words.what}
                  </p>
                  {words.status && <p className="fr-text--sm fr-mb-0">Votre demande est maintenant : {words.status}</p>}
                  {words.by && <p className="fr-text--sm fr-mb-0">Par {words.by}</p>}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </>
  );
}

function DocumentLink({ dossierId, doc }: { dossierId: string; doc: Api.Document }) {
  const kind = doc.mediaType === 'application/pdf' ? 'PDF' : doc.mediaType.split('/')[1]?.toUpperCase() ?? doc.mediaType;
  return (
    <a className="fr-link fr-link--download" href={documentUrl(dossierId, doc.id)} download={doc.name}>
      Télécharger {doc.name}
      <span className="fr-link__detail">{kind} – {formatSize(doc.size)}</span>
    </a>
  );
}

function LetterItem({ letter }: { letter: Api.Letter }) {
  const [open, setOpen] = useState(false);
  const panel = `courrier-${letter.id}`;
  const date = letter.sentAt ?? letter.createdAt;
  return (
    <section className="fr-accordion">
      <h3 className="fr-accordion__title">
        <button type="button" className="fr-accordion__btn" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
          {letter.subject || letter.title} — {formatDate(date)}
        </button>
      </h3>
      <div className={`fr-collapse${open ? ' fr-collapse--expanded' : ''}`} id={panel} hidden={!open}>
        <div className="guichet-letter fr-py-2w">{letter.body}</div>
      </div>
    </section>
  );
}
