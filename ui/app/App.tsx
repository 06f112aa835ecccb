import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, SessionProvider } from '../api';
import { Guard } from './Guard';
import { Layout } from './Layout';

// Each page is its own chunk: a citizen filling a form never downloads the agent's or manager's
// pages, nor the designer.
const Catalogue = lazy(() => import('../pages/citizen/Catalogue'));
const FileDemarche = lazy(() => import('../pages/citizen/FileDemarche'));
const MyDossiers = lazy(() => import('../pages/citizen/MyDossiers'));
const CitizenDossier = lazy(() => import('../pages/citizen/CitizenDossier'));
const Login = lazy(() => import('../pages/auth/Login'));
const Register = lazy(() => import('../pages/auth/Register'));
const Inbox = lazy(() => import('../pages/agent/Inbox'));
const AgentDossier = lazy(() => import('../pages/agent/AgentDossier'));
const AtTheDesk = lazy(() => import('../pages/agent/AtTheDesk'));
const Letters = lazy(() => import('../pages/agent/Letters'));
const Dashboard = lazy(() => import('../pages/manager/Dashboard'));
const Routing = lazy(() => import('../pages/manager/Routing'));
const Designer = lazy(() => import('../pages/designer/DesignerPage'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function Page({ title, children }: { title: string; children: ReactNode }) {
  document.title = `${title} — Guichet`;
  return <>{children}</>;
}

const CASEWORKERS = ['accueil', 'agent', 'expert', 'responsable', 'elu'];

/** The whole interface: session, data cache, routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <Layout>
            <Suspense fallback={<p role="status">Chargement…</p>}>
              <Routes>
                <Route path="/" element={<Page title="Démarches"><Catalogue /></Page>} />
                <Route path="/connexion" element={<Page title="Connexion"><Login /></Page>} />
                <Route path="/inscription" element={<Page title="Créer un compte"><Register /></Page>} />
                <Route path="/demarches/:id" element={<Page title="Déposer une demande"><Guard roles={['usager']}><FileDemarche /></Guard></Page>} />
                <Route path="/demarches/:id/brouillons/:dossierId" element={<Page title="Reprendre un brouillon"><Guard roles={['usager']}><FileDemarche /></Guard></Page>} />
                <Route path="/mes-dossiers" element={<Page title="Mes dossiers"><Guard><MyDossiers /></Guard></Page>} />
                <Route path="/mes-dossiers/:id" element={<Page title="Mon dossier"><Guard><CitizenDossier /></Guard></Page>} />
                <Route path="/agent" element={<Page title="Corbeille"><Guard roles={CASEWORKERS}><Inbox /></Guard></Page>} />
                <Route path="/agent/dossiers/:id" element={<Page title="Dossier"><Guard roles={[...CASEWORKERS, 'manager']}><AgentDossier /></Guard></Page>} />
                <Route path="/agent/guichet" element={<Page title="Au guichet"><Guard roles={['accueil', 'agent', 'expert', 'responsable']}><AtTheDesk /></Guard></Page>} />
                <Route path="/agent/courriers" element={<Page title="Courriers"><Guard roles={CASEWORKERS}><Letters /></Guard></Page>} />
                <Route path="/pilotage" element={<Page title="Pilotage"><Guard roles={['manager', 'responsable']}><Dashboard /></Guard></Page>} />
                <Route path="/pilotage/routage/:id?" element={<Page title="Routage"><Guard roles={['manager', 'responsable']}><Routing /></Guard></Page>} />
                <Route path="/conception/*" element={<Page title="Conception"><Guard roles={['procedures']}><Designer /></Guard></Page>} />
                <Route path="*" element={<Page title="Page introuvable"><NotFound /></Page>} />
              </Routes>
            </Suspense>
          </Layout>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}

function NotFound() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>L’adresse demandée n’existe pas. Revenez à la <a href="/">liste des démarches</a>.</p>
    </>
  );
}
