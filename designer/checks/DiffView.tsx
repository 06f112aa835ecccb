import type { DefinitionDiff } from '../../engine';

const PARTS: Record<string, string> = {
  roles: 'Rôles', events: 'Actions (événements)', pieces: 'Pièces justificatives', parameters: 'Paramètres', deadlines: 'Délais', delays: 'Durées nommées', templates: 'Modèles de courriers',
};

function Group({ title, added, removed, changed }: { title: string; added: string[]; removed: string[]; changed: string[] }) {
  if (added.length + removed.length + changed.length === 0) return null;
  return (
    <div className="fr-mb-2w">
      <h4 className="fr-h6 fr-mb-1w">{title}</h4>
      <ul>
        {added.map((x) => <li key={`+${x}`}><span className="fr-badge fr-badge--sm fr-badge--success fr-badge--no-icon">Ajouté</span> {x}</li>)}
        {removed.map((x) => <li key={`-${x}`}><span className="fr-badge fr-badge--sm fr-badge--error fr-badge--no-icon">Retiré</span> {x}</li>)}
        {changed.map((x) => <li key={`~${x}`}><span className="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">Modifié</span> {x}</li>)}
      </ul>
    </div>
  );
}

const on = (o: string) => (o === 'always' ? 'automatiquement' : o === 'onDone' ? 'à la fin' : o.startsWith('after ') ? `après ${o.slice(6)}` : `« ${o} »`);

/** What a version changes against the previous one: steps, transitions, fields, the other named parts. */
export function DiffView({ diff }: { diff: DefinitionDiff }) {
  if (diff.identical) return <p>Aucune différence avec la version publiée.</p>;
  const { states, transitions, fields } = diff;
  return (
    <div className="designer-diff">
      <Group title="Étapes" added={states.added.map((s) => `${s.label} (${s.path})`)} removed={states.removed.map((s) => `${s.label} (${s.path})`)} changed={states.changed.map((s) => `${s.label} (${s.path}) : ${s.changes.join(', ')}`)} />
      <Group
        title="Transitions"
        added={transitions.added.map((t) => `${t.state || 'parcours'} ${on(t.on)} → ${t.targets.join(', ')}`)}
        removed={transitions.removed.map((t) => `${t.state || 'parcours'} ${on(t.on)} → ${t.targets.join(', ')}`)}
        changed={transitions.changed.map((t) => `${t.state || 'parcours'} ${on(t.on)} : ${t.changes.join(', ')}`)}
      />
      <Group title="Champs du formulaire" added={fields.added.map((f) => `${f.title} (${f.path})`)} removed={fields.removed.map((f) => `${f.title} (${f.path})`)} changed={fields.changed.map((f) => `${f.title} (${f.path}) : ${f.changes.join(', ')}`)} />
      {Object.entries(diff.entries).map(([part, c]) => c && <Group key={part} title={PARTS[part] ?? part} added={c.added} removed={c.removed} changed={c.changed} />)}
      {diff.properties.length > 0 && <p className="fr-text--sm">Autres changements : {diff.properties.join(', ')}.</p>}
    </div>
  );
}
