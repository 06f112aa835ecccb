import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StateFlowNode } from './flow';
import { durationInWords } from './durations';
import { outcomeLabel } from './graph';
import { useCanvas } from './context';

/**
 * The handles where transitions arrive and leave, on the sides the layout's direction calls for.
 * Hidden from assistive technologies: drawing a link is a mouse gesture, and the inspector's
 * « Ajouter une transition » does the same from the keyboard.
 */
export function StateHandles({ connectable = true }: { connectable?: boolean }) {
  const { direction } = useCanvas();
  return (
    <>
      <Handle type="target" position={direction === 'DOWN' ? Position.Top : Position.Left} isConnectable={false} aria-hidden="true" />
      <Handle type="source" position={direction === 'DOWN' ? Position.Bottom : Position.Right} isConnectable={connectable}
        aria-hidden="true" title="Tirer vers une autre étape pour créer une transition" />
    </>
  );
}

/** A simple or final state: its French label, its key, and what marks it (initial, final, délai). */
export function StateNode({ data, selected }: NodeProps<StateFlowNode>) {
  const final = data.type === 'final';
  return (
    <div className={`gw-state${final ? ' gw-state--final' : ''}${selected ? ' gw-selected' : ''}${data.initial ? ' gw-state--initial' : ''}`}>
      <StateHandles connectable={!final} />
      {data.initial && <span className="gw-initial-mark" title="Étape initiale" aria-hidden="true" />}
      <p className="gw-state__label">{data.label}</p>
      <p className="gw-state__meta">
        <code>{data.key}</code>
        {data.initial && <span className="gw-tag">début</span>}
        {final && <span className="gw-tag gw-tag--final">fin{data.outcome ? ` : ${outcomeLabel(data.outcome)?.toLowerCase()}` : ''}</span>}
        {data.serviceLevel && <span className="gw-tag gw-tag--delay">{durationInWords(data.serviceLevel) ?? data.serviceLevel}</span>}
      </p>
    </div>
  );
}

/** The pseudo-state of the transitions possible from any step (abandon, withdrawal…). */
export function AnywhereNode({ selected }: NodeProps<StateFlowNode>) {
  return (
    <div className={`gw-anywhere${selected ? ' gw-selected' : ''}`}>
      <StateHandles connectable={false} />
      <p className="gw-state__label">À tout moment</p>
    </div>
  );
}
