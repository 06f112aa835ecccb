/**
 * A page to try the forms in a browser, outside the application: the four démarches' forms, the
 * upload of their pièces (simulated), an agent's action form, and the API's errors (simulated).
 * Choose the démarche with the address's fragment: `#attestation-accueil`, `#garde-alternee`…
 */
import { useEffect, useState } from 'react';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { DEMARCHES } from '../../definitions';
import type { FieldError } from '../../engine';
import { DemarcheForm, PayloadForm, PieceUpload, type FormValues, type UploadedFile } from '.';

const ids = Object.keys(DEMARCHES);
const fromHash = () => {
  const id = window.location.hash.replace(/^#/, '');
  return ids.includes(id) ? id : ids[0];
};

/** An upload that takes a second and a half; a file whose name says « refus » is refused. */
function fakeUpload(onDone: (file: UploadedFile) => void) {
  return (pieceId: string, file: File, onProgress: (fraction: number) => void) =>
    new Promise<void>((resolve, reject) => {
      let step = 0;
      const timer = window.setInterval(() => {
        step += 1;
        onProgress(step / 10);
        if (step < 10) return;
        window.clearInterval(timer);
        if (/refus/i.test(file.name)) reject(new Error('le fichier semble illisible, numérisez-le à nouveau.'));
        else {
          onDone({ pieceId, name: file.name, size: file.size });
          resolve();
        }
      }, 150);
    });
}

/** The first event of the démarche whose payload has required fields (e.g. a refusal's motif). */
function sampleEvent(id: string) {
  const events = Object.entries(DEMARCHES[id].events);
  const withFields = events.filter(([, e]) => {
    const payload = e.payload as { required?: unknown[] } | undefined;
    return Array.isArray(payload?.required) && payload.required.length > 0;
  });
  const refusal = withFields.find(([key]) => key.startsWith('refus'));
  return refusal ?? withFields[0];
}

export function FormsDemo() {
  const [id, setId] = useState(fromHash);
  useEffect(() => {
    const onHash = () => setId(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const definition = DEMARCHES[id];
  const [data, setData] = useState<FormValues>({});
  const [sent, setSent] = useState<FormValues | null>(null);
  const [draft, setDraft] = useState<{ at: Date; data: FormValues } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[] | undefined>();
  const [uploaded, setUploaded] = useState<UploadedFile[]>([]);
  const [payloadSent, setPayloadSent] = useState<FormValues | null>(null);
  useEffect(() => {
    setData({});
    setSent(null);
    setDraft(null);
    setServerErrors(undefined);
    setUploaded([]);
    setPayloadSent(null);
  }, [id]);

  const event = sampleEvent(id);
  const simulateServerErrors = () => {
    const schema = definition.form.schema as { properties?: Record<string, { title?: string }> };
    const pages = definition.form.pages ?? [];
    const field = pages[pages.length - 1]?.fields[0] ?? Object.keys(schema.properties ?? {})[0];
    setServerErrors([{ pointer: `/${field}`, field: schema.properties?.[field]?.title ?? field, message: 'Le service a refusé cette réponse : vérifiez-la.' }]);
  };

  return (
    <main className="fr-container fr-my-6w" id="contenu">
      <nav aria-label="Démarches de démonstration" className="fr-mb-4w">
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {ids.map((key) => (
            <li key={key}>
              <a className={`fr-btn fr-btn--sm ${key === id ? '' : 'fr-btn--tertiary'}`} href={`#${key}`} aria-current={key === id ? 'page' : undefined}>
                {DEMARCHES[key].title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>{definition.title}</h1>
          <p className="fr-text--lead">{definition.summary}</p>
          <DemarcheForm
            key={id}
            definition={definition}
            data={data}
            onChange={setData}
            onSaveDraft={(d) => setDraft({ at: new Date(), data: d })}
            draftSavedAt={draft?.at}
            submitting={submitting}
            serverErrors={serverErrors}
            onSubmit={(d) => {
              setSubmitting(true);
              window.setTimeout(() => {
                setSubmitting(false);
                setSent(d);
              }, 500);
            }}
          />
          <p className="fr-mt-2w">
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" id="simuler-erreurs" onClick={simulateServerErrors}>
              Simuler une erreur du serveur
            </button>
          </p>
          {sent && (
            <section className="fr-mt-4w" aria-labelledby="envoye">
              <h2 id="envoye">Données envoyées</h2>
              <pre id="donnees-envoyees" className="fr-text--xs">{JSON.stringify(sent, null, 2)}</pre>
            </section>
          )}

          <section className="fr-mt-8w" aria-labelledby="pieces">
            <h2 id="pieces">Pièces justificatives</h2>
            <PieceUpload
              pieces={definition.pieces}
              data={data}
              uploaded={uploaded}
              upload={fakeUpload((file) => setUploaded((u) => [...u, file]))}
              idPrefix={`pieces-${id}`}
            />
          </section>

          {event && (
            <section className="fr-mt-8w" aria-labelledby="action">
              <h2 id="action">Action d’un agent : {event[1].label}</h2>
              <PayloadForm
                key={id}
                schema={event[1].payload as RJSFSchema}
                uiSchema={event[1].uiSchema as UiSchema | undefined}
                submitLabel={event[1].label}
                onSubmit={setPayloadSent}
                onCancel={() => setPayloadSent(null)}
                idPrefix={`action-${id}`}
              />
              {payloadSent && <pre id="action-envoyee" className="fr-text--xs">{JSON.stringify(payloadSent, null, 2)}</pre>}
            </section>
          )}
        </div>
      </div>
    </main>
  );
}

export default FormsDemo;
