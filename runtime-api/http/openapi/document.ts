/** The OpenAPI 3.1 document of Guichet's HTTP API, served at GET /api/openapi.json. */
import packageJson from '../../../package.json';
import { commonSchemas } from './commonSchemas';
import { headerComponents, parameterComponents, securitySchemes, type Paths, type Schema } from './components';
import { corePaths } from './corePaths';
import { designSchemas } from './designSchemas';
import { dossierSchemas } from './dossierSchemas';
import { managementPaths } from './managementPaths';
import { workPaths } from './workPaths';
import { workSchemas } from './workSchemas';

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Paths;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: typeof securitySchemes;
    parameters: typeof parameterComponents;
    headers: typeof headerComponents;
  };
}

const DESCRIPTION = `API JSON de Guichet, le moteur des démarches de la mairie : catalogue des démarches, dépôt et suivi des dossiers par les usagers, instruction par les agents (corbeille, événements, pièces, courriers, notes), routage, conception et publication des démarches, indicateurs et comptes des agents.

**Connexion.** POST /api/auth/login pose un cookie de session HttpOnly et renvoie « csrfToken » : toute écriture faite avec ce cookie porte l’en-tête X-CSRF-Token avec cette valeur (sinon 403).

**Erreurs.** Toute erreur est un document de problème (RFC 9457, « application/problem+json ») dont « detail » dit en français ce qui ne va pas et comment le corriger, avec « errors » (pointeur JSON, champ, message) pour les champs en cause ; une requête refusée ne modifie rien. Une adresse inconnue répond 404, une méthode non prise en charge 405, une panne 500 avec une référence pour le journal.

**Concurrence.** Les écritures sur un dossier acceptent If-Match (sa version) et Idempotency-Key (une nouvelle tentative ne refait rien).

**Accès.** Chaque opération dit qui peut l’appeler. Un usager ne voit que ses dossiers ; un agent, ceux routés vers ses services ; l’existence d’un dossier qu’on ne peut pas voir n’est pas révélée (404).`;

const TAGS = [
  { name: 'Service', description: 'État du service et ce document.' },
  { name: 'Authentification', description: 'Comptes des usagers, connexion, session.' },
  { name: 'Catalogue', description: 'Les démarches publiées, publiques.' },
  { name: 'Dossiers', description: 'Dépôt, brouillons, suivi et événements des dossiers.' },
  { name: 'Documents', description: 'Pièces envoyées et documents produits.' },
  { name: 'Notes', description: 'Notes internes des agents sur un dossier.' },
  { name: 'Corbeille', description: 'La corbeille des agents et l’attribution des dossiers.' },
  { name: 'Courriers', description: 'Courriers produits par les démarches, vérifiés puis envoyés par les agents.' },
  { name: 'Notifications', description: 'Notifications des usagers et des agents.' },
  { name: 'Actions en échec', description: 'Effets (notifications, courriers, documents, appels) qui ont échoué, et leur relance.' },
  { name: 'Conception', description: 'Brouillons et publication des démarches par l’équipe Procédures.' },
  { name: 'Routage', description: 'Tables de routage des démarches, par les managers.' },
  { name: 'Indicateurs', description: 'Indicateurs d’activité pour le pilotage.' },
  { name: 'Administration', description: 'Comptes des agents, par les administrateurs.' },
];

/** Paths from several sources, merged path by path; two descriptions of one operation is a bug. */
function mergePaths(...sources: Paths[]): Paths {
  const merged: Paths = {};
  for (const source of sources) {
    for (const [path, item] of Object.entries(source)) {
      const existing = merged[path] ?? {};
      for (const method of Object.keys(item)) {
        if (method in existing) throw new Error(`OpenAPI : ${method.toUpperCase()} ${path} est décrit deux fois.`);
      }
      merged[path] = { ...existing, ...item };
    }
  }
  return Object.fromEntries(Object.keys(merged).sort().map((path) => [path, merged[path]]));
}

function build(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet — API',
      version: packageJson.version,
      description: DESCRIPTION,
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/', description: 'Le serveur qui sert ce document.' }],
    tags: TAGS,
    paths: mergePaths(corePaths(), workPaths(), managementPaths()),
    components: {
      schemas: { ...commonSchemas, ...dossierSchemas, ...designSchemas, ...workSchemas },
      securitySchemes,
      parameters: parameterComponents,
      headers: headerComponents,
    },
  };
}

let built: OpenApiDocument | undefined;

/**
 * The document, built once on first use (not at import: it reads the request schemas of the
 * route files, which import this folder's router in turn).
 */
export function openApiDocument(): OpenApiDocument {
  built ??= build();
  return built;
}
