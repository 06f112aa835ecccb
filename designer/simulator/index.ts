/** Trying a draft in the browser with the engine itself: the simulator, and the scenarios kept with the definition. */
export { Simulator, type SimulatorProps } from './Simulator';
export { ScenariosPanel, type ScenariosPanelProps } from './ScenariosPanel';
export * from './logic';
