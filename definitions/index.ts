/**
 * The démarches shipped with Guichet, as data: each one's definition (version 1) and the routing
 * table it starts with. The runtime publishes them at first start; tests drive them.
 */
import type { Demarche, RoutingTable } from '../engine';
import attestationAccueil from './attestation-accueil.json';
import gardeAlternee from './garde-alternee.json';
import passeportUrgence from './passeport-urgence.json';
import recensementCitoyen from './recensement-citoyen.json';
import attestationAccueilRouting from './routing/attestation-accueil.json';
import gardeAlterneeRouting from './routing/garde-alternee.json';
import passeportUrgenceRouting from './routing/passeport-urgence.json';
import recensementCitoyenRouting from './routing/recensement-citoyen.json';

// JSON imports are typed by their literal shape; the linter (tested) is what guarantees the format.
const asDemarche = (json: unknown) => json as Demarche;
const asRouting = (json: unknown) => json as RoutingTable;

export const DEMARCHES: Readonly<Record<string, Demarche>> = {
  'attestation-accueil': asDemarche(attestationAccueil),
  'recensement-citoyen': asDemarche(recensementCitoyen),
  'garde-alternee': asDemarche(gardeAlternee),
  'passeport-urgence': asDemarche(passeportUrgence),
};

export const ROUTING: Readonly<Record<string, RoutingTable>> = {
  'attestation-accueil': asRouting(attestationAccueilRouting),
  'recensement-citoyen': asRouting(recensementCitoyenRouting),
  'garde-alternee': asRouting(gardeAlterneeRouting),
  'passeport-urgence': asRouting(passeportUrgenceRouting),
};
