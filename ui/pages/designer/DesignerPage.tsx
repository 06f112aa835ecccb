import { DesignerScreens } from '../../../designer';

/** /conception/*: the Procédures team's designer (its own chunk, out of the usager's bundle). */
export default function DesignerPage() {
  return <DesignerScreens />;
}
