/** The workflow editor: the statechart drawn as a graph, and the inspector of the selected state or transition. */
export { WorkflowEditor, type WorkflowEditorProps } from './WorkflowEditor';
