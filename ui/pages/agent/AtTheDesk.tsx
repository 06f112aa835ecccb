/** AtTheDesk: to be written. */
export default function AtTheDesk() {
  return <h1>AtTheDesk</h1>;
}
