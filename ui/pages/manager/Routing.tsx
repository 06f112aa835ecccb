/** Routing: to be written. */
export default function Routing() {
  return <h1>Routing</h1>;
}
