/** AgentDossier: to be written. */
export default function AgentDossier() {
  return <h1>AgentDossier</h1>;
}
