/** CitizenDossier: to be written. */
export default function CitizenDossier() {
  return <h1>CitizenDossier</h1>;
}
