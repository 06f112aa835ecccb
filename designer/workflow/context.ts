import { createContext, useContext } from 'react';
import type { Selection } from '../selection';
import type { Direction } from './layout';

/** What the drawing's nodes and edges need from the editor around them. */
export interface CanvasContext {
  direction: Direction;
  select: (selection: Selection) => void;
  /** Starts adding a sub-state inside a group (the inspector asks for its name). */
  addChild: (parentPath: string) => void;
}

export const Canvas = createContext<CanvasContext>({ direction: 'DOWN', select: () => undefined, addChild: () => undefined });

export const useCanvas = () => useContext(Canvas);
