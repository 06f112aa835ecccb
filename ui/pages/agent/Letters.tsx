/** Letters: to be written. */
export default function Letters() {
  return <h1>Letters</h1>;
}
