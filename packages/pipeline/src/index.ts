export { main } from './cli.ts';
export type * from './ports.ts';
export { type RunDeps, type RunReport, type RunRequest, runHour } from './run.ts';
