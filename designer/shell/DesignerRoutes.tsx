import { Route, Routes, useParams } from 'react-router';
import DesignerEditor from './DesignerEditor';
import DesignerHome from './DesignerHome';

function EditorRoute() {
  const { id = '' } = useParams();
  // A new key per démarche: nothing of one draft's editor (history, selection) leaks into another's.
  return <DesignerEditor key={id} id={id} />;
}

/** The designer's screens under /conception: the list of démarches, and the editor of one. */
export default function DesignerRoutes() {
  return (
    <Routes>
      <Route index element={<DesignerHome />} />
      <Route path=":id" element={<EditorRoute />} />
    </Routes>
  );
}
