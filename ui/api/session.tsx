import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from './client';
import { get, post, setCsrfToken } from './client';

/** The signed-in person, as /api/auth/me describes them. */
export interface SessionUser {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  roles: string[];
  services: string[];
}

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<SessionUser>;
  register(input: { email: string; password: string; givenName: string; familyName: string }): Promise<SessionUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

interface AuthAnswer {
  user: SessionUser;
  csrfToken: string;
}

/** Who is signed in, loaded once at start and changed by signing in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    get<AuthAnswer>('/api/auth/me')
      .then((answer) => { setCsrfToken(answer.csrfToken); setUser(answer.user); })
      .catch((e: unknown) => { if (!(e instanceof ApiError && e.status === 401)) console.error(e); })
      .finally(() => setLoading(false));
  }, []);

  const accept = useCallback((answer: AuthAnswer) => {
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
    return answer.user;
  }, []);

  const value = useMemo<SessionState>(() => ({
    user,
    loading,
    signIn: async (email, password) => accept(await post<AuthAnswer>('/api/auth/login', { email, password })),
    register: async (input) => accept(await post<AuthAnswer>('/api/auth/register', input)),
    signOut: async () => {
      await post('/api/auth/logout');
      setCsrfToken('');
      setUser(null);
    },
  }), [user, loading, accept]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession hors de SessionProvider');
  return session;
}

/** What the interface offers to whom. */
export function can(user: SessionUser | null) {
  const has = (...roles: string[]) => !!user && user.roles.some((r) => roles.includes(r));
  return {
    file: has('usager'),
    workInbox: has('accueil', 'agent', 'expert', 'responsable', 'elu'),
    fileAtDesk: has('accueil', 'agent', 'expert', 'responsable'),
    steer: has('manager', 'responsable'),
    changeRouting: has('manager'),
    design: has('procedures'),
    administer: has('admin'),
  };
}
