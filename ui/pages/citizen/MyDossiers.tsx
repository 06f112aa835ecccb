/** MyDossiers: to be written. */
export default function MyDossiers() {
  return <h1>MyDossiers</h1>;
}
