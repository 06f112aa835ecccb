/** The designer's screens: the home (démarches, new, import) and the editor of one démarche with its tabs. */
export { default as DesignerRoutes } from './DesignerRoutes';
export { designRows, type DesignRow } from './demarcheList';
