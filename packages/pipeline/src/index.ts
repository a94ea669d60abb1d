export { main } from './cli.ts';
export type * from './ports.ts';
export { type RunDeps, type RunRequest, runHour } from './run.ts';
export type { RunReport, TickerOutcome } from './run-report.ts';
