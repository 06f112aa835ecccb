/** Catalogue: to be written. */
export default function Catalogue() {
  return <h1>Catalogue</h1>;
}
