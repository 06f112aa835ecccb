import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Tab<Id extends string> {
  id: Id;
  label: string;
  panel: () => ReactNode;
}

/** DSFR tabs driven by React: arrow keys move between tabs, only the selected panel is rendered. */
export function Tabs<Id extends string>({ tabs, selected, onSelect, label, className }: { tabs: Tab<Id>[]; selected: Id; onSelect: (id: Id) => void; label: string; className?: string }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = tabs.find((t) => t.id === selected) ?? tabs[0];
  const move = (e: KeyboardEvent, index: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next].id);
    refs.current[tabs[next].id]?.focus();
  };
  return (
    <div className={className ? `fr-tabs ${className}` : 'fr-tabs'}>
      <ul className="fr-tabs__list" role="tablist" aria-label={label}>
        {tabs.map((t, i) => (
          <li role="presentation" key={t.id}>
            <button
              type="button" id={`onglet-${t.id}`} className="fr-tabs__tab" role="tab" ref={(el) => { refs.current[t.id] = el; }}
              aria-selected={t.id === current.id} tabIndex={t.id === current.id ? 0 : -1} aria-controls={`panneau-${t.id}`}
              onClick={() => onSelect(t.id)} onKeyDown={(e) => move(e, i)}
            >
              {t.label}
            </button>
          </li>
        ))}
      </ul>
      <div id={`panneau-${current.id}`} className="fr-tabs__panel fr-tabs__panel--selected" role="tabpanel" aria-labelledby={`onglet-${current.id}`} tabIndex={0}>
        {current.panel()}
      </div>
    </div>
  );
}
