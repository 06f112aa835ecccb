import type { NodeProps } from '@xyflow/react';
import type { StateFlowNode } from './flow';
import { StateHandles } from './StateNode';
import { useCanvas } from './context';

/** A state with sub-states, drawn around them: compound (one sub-state at a time) or parallel (all its regions at once). */
export function GroupNode({ data, selected }: NodeProps<StateFlowNode>) {
  const { addChild } = useCanvas();
  const parallel = data.type === 'parallel';
  return (
    <div className={`gw-group${parallel ? ' gw-group--parallel' : ''}${data.region ? ' gw-group--region' : ''}${selected ? ' gw-selected' : ''}`}>
      <StateHandles />
      <div className="gw-group__header">
        <p className="gw-state__label">{data.label}</p>
        <p className="gw-state__meta">
          <code>{data.key}</code>
          {data.initial && <span className="gw-tag">début</span>}
          <span className="gw-tag gw-tag--kind">{parallel ? 'en parallèle' : data.region ? 'branche parallèle' : 'étape composée'}</span>
        </p>
        <button type="button" className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-add-line gw-group__add nodrag"
          title={`${parallel ? 'Ajouter une branche' : 'Ajouter une sous-étape'} dans « ${data.label} »`}
          onClick={(e) => { e.stopPropagation(); addChild(data.path); }}>
          {parallel ? 'Ajouter une branche' : 'Ajouter une sous-étape'} dans « {data.label} »
        </button>
      </div>
    </div>
  );
}
