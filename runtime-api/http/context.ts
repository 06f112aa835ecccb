import type { ParameterizedContext } from 'koa';
import type { SessionRow, UserRow } from '../store';

/** What middleware attaches to a request. */
export interface AppState {
  user?: UserRow;
  session?: SessionRow;
  /** The parsed JSON body, once the body middleware has read it. */
  body?: unknown;
  requestId: string;
}

export type AppContext = ParameterizedContext<AppState>;
