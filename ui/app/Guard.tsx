import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api';

/** A page for signed-in users with one of these roles; others are sent to sign in or told why not. */
export function Guard({ roles, children }: { roles?: string[]; children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <p role="status">Chargement…</p>;
  if (!user) return <Navigate to={`/connexion?retour=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !user.roles.some((r) => roles.includes(r))) {
    return (
      <div className="fr-alert fr-alert--warning">
        <h1 className="fr-alert__title">Accès réservé</h1>
        <p>Cette page est réservée aux rôles : {roles.join(', ')}.</p>
      </div>
    );
  }
  return <>{children}</>;
}
