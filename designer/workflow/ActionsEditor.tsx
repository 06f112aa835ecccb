import { useId, useState } from 'react';
import { ACTIONS, DEADLINE_ACTIONS, type Action, type Demarche } from '../../engine';
import { CheckboxesField, TextField } from './controls';
import { SelectField } from '../../ui/components';

interface Props {
  definition: Demarche;
  actions: Action[];
  onChange: (actions: Action[]) => void;
  /** The event whose payload the actions may read (« le motif saisi »). */
  payloadFields?: { name: string; label: string }[];
  /** Says which list this is to screen readers: « de la transition », « du minuteur ». */
  context: string;
}

const DEFAULT_PARAMS: Record<string, (d: Demarche, payload: { name: string }[]) => Record<string, unknown>> = {
  notify: (d) => ({ to: ['usager'].filter((r) => d.roles[r]), template: firstTemplate(d, 'notification') }),
  letter: (d) => ({ template: firstTemplate(d, 'letter') }),
  document: (d) => ({ template: firstTemplate(d, 'document') }),
  route: () => ({}),
  set: (_d, payload) => ({ name: payload[0]?.name ?? 'valeur', value: payload[0] ? { var: `event.payload.${payload[0].name}` } : '' }),
  requestPieces: (_d, payload) => ({ pieces: { var: `event.payload.${payload.find((f) => f.name === 'pieces')?.name ?? 'pieces'}` } }),
  callout: () => ({ service: '', operation: '' }),
};

function firstTemplate(d: Demarche, kind: 'letter' | 'document' | 'notification'): string {
  return Object.entries(d.templates ?? {}).find(([, t]) => t.kind === kind)?.[0] ?? '';
}

/** Parameters for a new action of this type, filled with the démarche's first fitting choices. */
export function defaultAction(definition: Demarche, type: string, payload: { name: string }[] = []): Action {
  if (DEADLINE_ACTIONS.has(type)) return { type, params: { deadline: Object.keys(definition.deadlines ?? {})[0] ?? '' } };
  return { type, params: DEFAULT_PARAMS[type]?.(definition, payload) ?? {} };
}

/** The actions a transition or timer runs, picked from the engine's catalogue, each with its parameters. */
export function ActionsEditor({ definition, actions, onChange, payloadFields = [], context }: Props) {
  const base = useId();
  const [adding, setAdding] = useState('notify');
  const replace = (i: number, action: Action) => onChange(actions.map((a, j) => (j === i ? action : a)));
  const move = (i: number, by: number) => {
    const next = [...actions];
    const [a] = next.splice(i, 1);
    next.splice(i + by, 0, a);
    onChange(next);
  };
  return (
    <div className="gw-actions">
      {actions.length === 0 && <p className="fr-text--sm fr-mb-1w">Aucune action.</p>}
      <ol className="gw-action-list">
        {actions.map((action, i) => {
          const entry = ACTIONS[action.type];
          const name = `action ${i + 1} ${context}`;
          return (
            <li key={i} className="gw-action">
              <div className="gw-action__head">
                <p className="fr-text--bold fr-mb-0">{i + 1}. {entry?.label ?? `Action inconnue « ${action.type} »`}</p>
                <div className="gw-action__buttons">
                  <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-up-line fr-btn--icon-left" disabled={i === 0} onClick={() => move(i, -1)}>Monter<span className="fr-sr-only">{` l’${name}`}</span></button>
                  <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-down-line fr-btn--icon-left" disabled={i === actions.length - 1} onClick={() => move(i, 1)}>Descendre<span className="fr-sr-only">{` l’${name}`}</span></button>
                  <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-delete-line fr-btn--icon-left" onClick={() => onChange(actions.filter((_, j) => j !== i))}>Retirer<span className="fr-sr-only">{` l’${name}`}</span></button>
                </div>
              </div>
              {entry && <p className="fr-hint-text fr-mb-1w">{entry.description}</p>}
              <ActionParams definition={definition} action={action} payloadFields={payloadFields} onChange={(a) => replace(i, a)} name={name} />
            </li>
          );
        })}
      </ol>
      <div className="gw-inline-form">
        <SelectField id={`${base}-type`} label={<>Action à ajouter<span className="fr-sr-only">{` ${context}`}</span></>} value={adding}
          options={Object.entries(ACTIONS).map(([type, e]) => ({ value: type, label: e.label }))} onChange={setAdding} />
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
          onClick={() => onChange([...actions, defaultAction(definition, adding, payloadFields)])}>
          Ajouter l’action<span className="fr-sr-only">{` ${context}`}</span>
        </button>
      </div>
    </div>
  );
}

function ActionParams({ definition, action, onChange, payloadFields, name }: {
  definition: Demarche; action: Action; onChange: (a: Action) => void; payloadFields: { name: string; label: string }[]; name: string;
}) {
  const params = action.params ?? {};
  const set = (changes: Record<string, unknown>) => {
    const next = { ...params, ...changes };
    for (const [k, v] of Object.entries(next)) if (v === undefined) delete next[k];
    onChange({ ...action, params: next });
  };
  const sr = <span className="fr-sr-only">{` de l’${name}`}</span>;
  const roles = Object.entries(definition.roles).map(([value, r]) => ({ value, label: r.label }));
  const templates = (kind: string) => Object.entries(definition.templates ?? {}).filter(([, t]) => t.kind === kind).map(([value, t]) => ({ value, label: `${t.title} (${value})` }));
  const entry = ACTIONS[action.type];

  if (DEADLINE_ACTIONS.has(action.type)) {
    const deadlines = Object.entries(definition.deadlines ?? {}).map(([value, d]) => ({ value, label: d.label }));
    if (!deadlines.length) return <p className="fr-error-text">Aucun délai n’est déclaré dans la démarche.</p>;
    return <SelectField label={<>Délai{sr}</>} value={String(params.deadline ?? '')} options={deadlines} placeholder="Choisir un délai" onChange={(deadline) => set({ deadline })} />;
  }
  if (entry?.template) {
    const choices = templates(entry.template);
    const template = String(params.template ?? '');
    return (
      <>
        {action.type === 'notify' && (
          <CheckboxesField legend={<>Destinataires{sr}</>} choices={roles} value={Array.isArray(params.to) ? (params.to as string[]) : []} onChange={(to) => set({ to })} />
        )}
        {action.type === 'letter' && (
          <SelectField label={<>Destinataire{sr}</>} hint="Par défaut, l’usager qui a déposé la demande." value={String(params.to ?? '')}
            options={[{ value: '', label: 'Usager (par défaut)' }, ...roles.filter((r) => r.value !== 'usager')]} onChange={(to) => set({ to: to || undefined })} />
        )}
        {choices.length
          ? <SelectField label={<>Modèle{sr}</>} value={template} options={choices} onChange={(t) => set({ template: t })} placeholder="Choisir un modèle" />
          : <TextField label={<>Modèle{sr}</>} hint="Aucun modèle de ce type dans la démarche : indiquez le nom de celui à créer." value={template} onCommit={(t) => set({ template: t })} />}
      </>
    );
  }
  if (action.type === 'set') {
    const value = params.value;
    const fromPayload = typeof value === 'object' && value !== null && 'var' in value && typeof (value as { var: unknown }).var === 'string'
      ? (value as { var: string }).var.replace(/^event\.payload\./, '') : null;
    const source = fromPayload !== null && payloadFields.some((f) => f.name === fromPayload) ? `champ:${fromPayload}` : typeof value === 'object' && value !== null ? 'logique' : 'fixe';
    return (
      <>
        <TextField label={<>Nom de la valeur enregistrée{sr}</>} hint="Lisible ensuite comme dossier.instruction.<nom>, par exemple « motif »." value={String(params.name ?? '')} onCommit={(n) => set({ name: n })} />
        <SelectField label={<>Valeur{sr}</>} value={source}
          options={[
            ...payloadFields.map((f) => ({ value: `champ:${f.name}`, label: `Le champ saisi « ${f.label} »` })),
            { value: 'fixe', label: 'Une valeur fixe' },
            ...(source === 'logique' ? [{ value: 'logique', label: 'Une expression (conservée telle quelle)' }] : []),
          ]}
          onChange={(s) => set({ value: s.startsWith('champ:') ? { var: `event.payload.${s.slice(6)}` } : s === 'fixe' ? '' : value })} />
        {source === 'fixe' && <TextField label={<>Valeur fixe{sr}</>} value={typeof value === 'string' ? value : JSON.stringify(value ?? '')} onCommit={(v) => set({ value: v === 'true' ? true : v === 'false' ? false : v })} />}
        {source === 'logique' && <pre className="gw-json">{JSON.stringify(value)}</pre>}
      </>
    );
  }
  if (action.type === 'requestPieces') {
    const field = typeof params.pieces === 'object' && params.pieces !== null && 'var' in params.pieces ? String((params.pieces as { var: unknown }).var).replace(/^event\.payload\./, '') : '';
    return (
      <SelectField label={<>Pièces demandées{sr}</>} hint="Le champ de l’événement où l’agent coche les pièces à fournir." value={field}
        options={payloadFields.map((f) => ({ value: f.name, label: f.label }))} onChange={(f) => set({ pieces: { var: `event.payload.${f}` } })} placeholder="Choisir un champ" />
    );
  }
  if (action.type === 'callout') {
    return (
      <>
        <TextField label={<>Service extérieur{sr}</>} hint="Par exemple « cert », « caf »." value={String(params.service ?? '')} onCommit={(service) => set({ service })} />
        <TextField label={<>Opération{sr}</>} value={String(params.operation ?? '')} onCommit={(operation) => set({ operation })} />
      </>
    );
  }
  return null;
}
