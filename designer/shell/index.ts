/** The designer's screens: the home (démarches, new, import) and the editor of one démarche with its tabs. */
// Icon families only the designer uses (edit, save): loaded with its chunk, not by every page.
import '@gouvfr/dsfr/dist/utility/icons/icons-design/icons-design.min.css';
import '@gouvfr/dsfr/dist/utility/icons/icons-device/icons-device.min.css';

export { default as DesignerRoutes } from './DesignerRoutes';
export { designRows, type DesignRow } from './demarcheList';
