/** FileDemarche: to be written. */
export default function FileDemarche() {
  return <h1>FileDemarche</h1>;
}
