import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useInternalNode, type EdgeProps } from '@xyflow/react';
import type { TransitionFlowEdge } from './flow';
import { STATE_SIZE, type Point } from './layout';
import { useCanvas } from './context';

const near = (a: Point | undefined, b: Point) => !!a && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

/** An orthogonal route through elk's points, corners slightly rounded. */
function polyline(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x} ${p.y}`).join(' ');
}

/** A transition back to its own state: a loop from the outgoing handle round to the node's side. */
function loop(x: number, y: number, horizontal: boolean): { path: string; label: Point } {
  const half = { w: STATE_SIZE.width / 2, h: STATE_SIZE.height / 2 };
  if (horizontal) return { path: `M ${x} ${y} C ${x + 40} ${y + 90}, ${x - half.w} ${y + 110}, ${x - half.w} ${y + half.h}`, label: { x: x - 20, y: y + 90 } };
  return { path: `M ${x} ${y} C ${x + 90} ${y + 40}, ${x + half.w + 60} ${y - 10}, ${x + half.w} ${y - half.h}`, label: { x: x + half.w + 50, y: y + 10 } };
}

/**
 * A transition: its trigger in words on a button that selects it, a marker when a guard decides,
 * dashed when automatic, dotted for a timer. The route is elk's while both ends stay in place.
 */
export function TransitionEdge(props: EdgeProps<TransitionFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const { select, direction } = useCanvas();
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!data) return null;
  const routeHolds = data.route && data.anchors && near(from?.internals.positionAbsolute, data.anchors.source) && near(to?.internals.positionAbsolute, data.anchors.target);
  let path: string;
  let labelAt: Point;
  if (routeHolds) {
    path = polyline(data.route!);
    const mid = data.route![Math.floor(data.route!.length / 2)];
    labelAt = data.labelAt ?? mid;
  } else if (source === target) {
    ({ path, label: labelAt } = loop(sourceX, sourceY, direction === 'RIGHT'));
  } else {
    const [p, lx, ly] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 8 });
    path = p;
    labelAt = { x: lx, y: ly };
  }
  const kind = data.trigger === 'after' ? 'timer' : data.trigger === 'always' ? 'always' : data.trigger === 'done' ? 'done' : 'event';
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={`gw-edge gw-edge--${kind}${selected ? ' gw-edge--selected' : ''}`} interactionWidth={16} />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`gw-edge-label gw-edge-label--${kind}${selected ? ' gw-selected' : ''} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${labelAt.x}px, ${labelAt.y}px)` }}
          onClick={() => select({ kind: 'transition', ref: data.ref })}
          title={[data.event && `Événement « ${data.event} »`, data.guarded && 'Soumise à une condition', data.actions.length && `Actions : ${data.actions.join(', ')}`].filter(Boolean).join(' · ') || undefined}
        >
          {kind === 'timer' && <span className="fr-icon-timer-line fr-icon--sm" aria-hidden="true" />}
          {data.label}
          {data.guarded && <span className="gw-guard-mark" aria-label="(avec condition)" role="img">◆</span>}
          {data.actions.length > 0 && <span className="gw-actions-count" aria-label={`(${data.actions.length} action${data.actions.length > 1 ? 's' : ''})`} role="img">{data.actions.length}</span>}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}
