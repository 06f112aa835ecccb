/** DesignerPage: to be written. */
export default function DesignerPage() {
  return <h1>DesignerPage</h1>;
}
